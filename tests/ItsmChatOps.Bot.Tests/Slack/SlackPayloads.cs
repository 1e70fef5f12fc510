using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>Interaction payloads of the Slack flows: the incident modal submitted with its inputs.</summary>
public static class SlackPayloads
{
    public static object ViewSubmission(string user, string viewId, string hash, string summary, string idempotencyKey, string channel = "D0DM00001") => new
    {
        type = "view_submission",
        team = new { id = SlackRequests.TeamId, domain = "contoso" },
        user = new { id = user, name = "someone", team_id = SlackRequests.TeamId },
        api_app_id = SlackRequests.AppId,
        trigger_id = "trigger-" + hash,
        view = new
        {
            id = viewId,
            type = "modal",
            callback_id = "incident.create",
            hash,
            private_metadata = SlackCalls.Serialize(new { verb = "incident.create", idempotencyKey, sourceMessageUrl = "", channel }),
            state = new
            {
                values = new Dictionary<string, object>
                {
                    ["summary"] = Input("summary", new { type = "plain_text_input", value = summary }),
                    ["description"] = Input("description", new { type = "plain_text_input", value = "Seen since this morning." }),
                    ["serviceId"] = Input("serviceId", new { type = "static_select", selected_option = Option("Email (Exchange Online)", "svc-email") }),
                    ["category"] = Input("category", new { type = "static_select", selected_option = Option("Software > Email", "Software > Email") }),
                    ["impact"] = Input("impact", new { type = "radio_buttons", selected_option = Option("Low", "Low") }),
                    ["urgency"] = Input("urgency", new { type = "radio_buttons", selected_option = Option("Medium", "Medium") }),
                    ["possibleSecurityIssue"] = Input("possibleSecurityIssue", new { type = "checkboxes", selected_options = Array.Empty<object>() }),
                },
            },
        },
    };

    /// <summary>A form modal (callback id = the verb) submitted with its text inputs; the metadata carries the record the form is about.</summary>
    public static object FormSubmission(string user, string viewId, string verb, object metadata, params (string Id, string Value)[] inputs) => new
    {
        type = "view_submission",
        team = new { id = SlackRequests.TeamId, domain = "contoso" },
        user = new { id = user, name = "someone", team_id = SlackRequests.TeamId },
        api_app_id = SlackRequests.AppId,
        trigger_id = "trigger-" + viewId,
        view = new { id = viewId, type = "modal", callback_id = verb, hash = "h-" + viewId, private_metadata = SlackCalls.Serialize(metadata), state = State(inputs) },
    };

    /// <summary>The inputs of a message as block_actions carries them: block id → action id → element state.</summary>
    public static object State(params (string Id, string Value)[] inputs) => new
    {
        values = inputs.ToDictionary(i => i.Id, i => Input(i.Id, new { type = "plain_text_input", value = i.Value })),
    };

    private static Dictionary<string, object> Input(string actionId, object element) => new() { [actionId] = element };

    private static object Option(string text, string value) => new { text = new { type = "plain_text", text }, value };
}
