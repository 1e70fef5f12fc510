using Verbs = ItsmChatOps.Bot.Cards.CardVerbs;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Application;

/// <summary>Service levels in chat: what is at risk of missing its target (RPT-03) and the SLA report with its charts (RPT-02).</summary>
public sealed partial class ItsmBot
{
    private const string AtRiskCommand = "at-risk";
    private const string SlaReportCommand = "sla report";

    private void MapServiceLevels()
    {
        OnMessage(AtRiskCommand, "What may miss its SLA target soon: at-risk, or at-risk network", AsPerson(AtRiskAsync));
        OnMessage(SlaReportCommand, "SLA performance with a chart: sla report, or sla report vpn 14 days", AsPerson(SlaReportAsync));
        OnCardAction(Verbs.AtRiskShow, AsPerson(AtRiskCardActionAsync));
        OnCardAction(Verbs.SlaReport, AsPerson(SlaReportCardActionAsync));
        OnCardAction(Verbs.SlaChart, AsPerson(SlaChartAsync));
    }

    private async Task AtRiskAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken) =>
        await SendAsync(turn, await flows.ServiceLevels.AtRiskAsync(user, After(turn, AtRiskCommand), cancellationToken), cancellationToken);

    private async Task SlaReportAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken) =>
        await SendAsync(turn, await flows.ServiceLevels.ReportAsync(user, After(turn, SlaReportCommand), cancellationToken), cancellationToken);

    private async Task<CardActionResult> AtRiskCardActionAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Post(await flows.ServiceLevels.AtRiskAsync(user, null, cancellationToken), "Here is what is at risk now.");

    private async Task<CardActionResult> SlaReportCardActionAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Post(await flows.ServiceLevels.ReportAsync(user, null, cancellationToken), "Here is the SLA report.");

    private async Task<CardActionResult> SlaChartAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.ServiceLevels.ChartAsync(user, Input(action, "chart"), Input(action, "serviceId"), Input(action, "from"), Input(action, "to"), cancellationToken));

    /// <summary>The text after a command of one or more words ("sla report vpn" → "vpn").</summary>
    private static string After(TurnContext turn, string command) =>
        turn.Text.Length > command.Length ? turn.Text[command.Length..].Trim() : string.Empty;
}
