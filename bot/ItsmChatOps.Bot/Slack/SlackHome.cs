using System.Globalization;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// The app's Home tab: each time a person opens it, views.publish shows their open incidents, the changes waiting for
/// their decision and a "Report a problem" button (the incident modal). Someone the service desk does not know gets the
/// same not-linked message as in a conversation, and nothing is read on their behalf (SEC-02).
/// </summary>
public sealed class SlackHome(ChatUsers users, ItsmApiClient api, SlackWebApi slack, SlackConnector connector, SlackCards cards)
{
    public const string EventName = "slack/appHomeOpened";
    public const string Template = "home";
    private const int ListSize = 10;

    public async Task PublishAsync(SlackTurn turn, CancellationToken cancellationToken)
    {
        var found = await users.FindAsync(new TurnContext(turn.Activity, connector, turn.DedupeKey), cancellationToken);
        var data = found.User is { } user
            ? await ViewAsync(user, cancellationToken)
            : new JsonObject { ["linked"] = false, ["notice"] = SlackText.FromMarkdown(found.Refusal ?? ChatUsers.NotLinked), ["incidents"] = new JsonArray(), ["approvals"] = new JsonArray() };
        await slack.PublishHomeAsync(turn.Activity.From!.Id, cards.Render(Template, data), cancellationToken);
    }

    private async Task<JsonObject> ViewAsync(ChatUser user, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        var incidents = await session.ListIncidentsAsync(new IncidentQuery { Mine = true, Open = true, PageSize = ListSize }, cancellationToken);
        var approvals = await session.ListChangesAsync(new ChangeQuery { AwaitingApprovalBy = user.PersonId, PageSize = ListSize }, cancellationToken);
        return new JsonObject
        {
            ["linked"] = true,
            ["firstName"] = user.FirstName,
            ["incidents"] = new JsonArray([.. incidents.Items.Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i.Id,
                ["summary"] = i.Restricted ? "(restricted)" : i.Summary,
                ["priority"] = i.Priority.ToString(),
                ["state"] = i.State.ToString(),
                ["due"] = i.ResolutionDue?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            })]),
            ["approvals"] = new JsonArray([.. approvals.Items.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["title"] = c.Title,
                ["model"] = c.Model.ToString(),
                ["state"] = c.State.ToString(),
            })]),
        };
    }
}
