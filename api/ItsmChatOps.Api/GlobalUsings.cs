// The storage port's sort key, not System.Globalization's: files that import both see this one.
global using SortKey = ItsmChatOps.Api.Storage.SortKey;
