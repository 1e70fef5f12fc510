using System.Net;
using ItsmChatOps.Api.Client;

namespace ItsmChatOps.Bot.Flows;

/// <summary>The API's refusals in plain words: its own sentence when it gave one, never a status code.</summary>
public static class ApiProblems
{
    public static string PlainWords(ItsmApiException problem) => problem.Status switch
    {
        HttpStatusCode.NotFound => "I couldn't find that, or you aren't allowed to see it.",
        _ when problem.Detail is { Length: > 0 } detail => detail,
        HttpStatusCode.Forbidden => "You aren't allowed to do that.",
        HttpStatusCode.Conflict => "That isn't possible at the moment: the record has moved on.",
        _ => problem.Title ?? "The service desk system refused that.",
    };

    /// <summary>Whether a failure may pass by itself (the API or the network was unavailable) rather than being an answer.</summary>
    public static bool IsTransient(Exception failure) => failure switch
    {
        ItsmApiException api => (int)api.Status >= 500 || api.Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        HttpRequestException or TaskCanceledException or TimeoutException => true,
        _ => false,
    };
}
