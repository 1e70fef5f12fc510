using System.Text.Json;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Slack;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>The review card's "Complete the review" in Slack: the message's inputs (text, select, date picker) arrive with the button (MAJ-09).</summary>
public sealed class SlackReviewInteractionTests
{
    [Fact]
    [Trait("Requirement", "MAJ-09")]
    public void BlockActions_ReviewSubmit_CarriesTextSelectAndDatePickerInputs()
    {
        var payload = JsonSerializer.SerializeToElement(new
        {
            type = "block_actions",
            team = new { id = SlackRequests.TeamId },
            user = new { id = "U0HEIDI01", name = "heidi" },
            api_app_id = SlackRequests.AppId,
            trigger_id = "trigger-review",
            channel = new { id = "C0WARROOM" },
            container = new { message_ts = "1764061800.000100", channel_id = "C0WARROOM" },
            actions = new[]
            {
                new { action_id = CardVerbs.MajorReviewSubmit, action_ts = "1764061900.1", value = SlackCalls.Serialize(new { verb = CardVerbs.MajorReviewSubmit, majorIncidentId = "MI-000012" }) },
            },
            state = new
            {
                values = new Dictionary<string, object>
                {
                    ["whatWorked"] = new Dictionary<string, object> { ["whatWorked"] = new { type = "plain_text_input", value = "The runbook" } },
                    ["rootCauseKnown"] = new Dictionary<string, object>
                    {
                        ["rootCauseKnown"] = new { type = "static_select", selected_option = new { text = new { type = "plain_text", text = "Yes" }, value = "true" } },
                    },
                    ["action1Due"] = new Dictionary<string, object> { ["action1Due"] = new { type = "datepicker", selected_date = "2025-12-09" } },
                    ["action2Due"] = new Dictionary<string, object> { ["action2Due"] = new { type = "datepicker", selected_date = (string?)null } },
                },
            },
        });

        var turn = SlackInbound.FromInteraction(payload)!;

        var action = CardAction.From(turn.Activity)!;
        Assert.Equal(CardVerbs.MajorReviewSubmit, action.Verb);
        Assert.Equal(("MI-000012", "The runbook", "true", "2025-12-09"),
            (action.GetString("majorIncidentId"), action.GetString("whatWorked"), action.GetString("rootCauseKnown"), action.GetString("action1Due")));
        Assert.Null(action.GetString("action2Due"));
    }
}
