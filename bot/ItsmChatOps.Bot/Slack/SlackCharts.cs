using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// The SLA report's chart in Slack. Block Kit images need a URL Slack can fetch, and the chart is drawn for one person
/// (what they may see), so it is not served from a URL: the PNG the card already holds is uploaded with files.uploadV2
/// into the person's messages with the app, right after the report. In a channel it goes to their direct messages, never
/// to the channel, as the report itself is shown to them alone. Without the files:write scope the table still has the figures.
/// </summary>
public sealed class SlackCharts(SlackWebApi slack, ILogger<SlackCharts> logger)
{
    private const string PngPrefix = "data:image/png;base64,";

    public async Task ShareAsync(ICardModel? model, string conversation, string? user, string? threadTs, CancellationToken cancellationToken)
    {
        if (model is not SlaReportCard card || !card.ChartImage.StartsWith(PngPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var direct = conversation.StartsWith('D');
        if (!direct && user is null)
        {
            return; // nobody to show it to alone
        }

        try
        {
            var channel = direct ? conversation : await slack.OpenDirectMessageAsync(user!, cancellationToken);
            var png = Convert.FromBase64String(card.ChartImage[PngPrefix.Length..]);
            await slack.UploadFileAsync(channel, $"sla-{card.Chart}.png", $"{card.ChartTitle}: {card.Scope}", png, direct ? threadTs : null, cancellationToken);
        }
        catch (SlackApiException failed) when (failed.Error is "missing_scope" or "not_in_channel" or "channel_not_found")
        {
            logger.LogWarning("The SLA chart was not uploaded to Slack: {Error}", failed.Error);
        }
    }
}
