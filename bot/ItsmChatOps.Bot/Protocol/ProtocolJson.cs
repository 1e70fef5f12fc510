using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>The one JSON shape of the Bot Framework wire: camelCase, nulls left out.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
