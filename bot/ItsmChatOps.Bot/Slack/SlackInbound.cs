using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// One verified Slack request turned into the bot's channel-neutral turn: messages and mentions become
/// message activities, a slash command a message with its text, app_home_opened the bot being added, a
/// button or a modal submission a card action (the Action.Execute path, so the clicking user gets the
/// answer and everyone else the shared update). <see cref="DedupeKey"/> names the delivery for retries;
/// <see cref="OnlyFor"/> is the Slack user a button belongs to.
/// </summary>
public sealed record SlackTurn(Activity Activity, string DedupeKey, string? OnlyFor = null, string? ResponseUrl = null, string? ViewId = null,
    string? OriginChannel = null, bool FromHome = false)
{
    /// <summary>A modal's submission, or a click inside a modal: answered in the modal (not a click on a message or on the Home tab).</summary>
    public bool IsSubmission => Activity.ReplyToId is null && ViewId is not null;
}

public static partial class SlackInbound
{
    /// <summary>An Events API callback, or null for events the bot does not act on (its own messages, edits...).</summary>
    public static SlackTurn? FromEvent(JsonElement envelope, IReadOnlyCollection<string>? timelineReactions = null)
    {
        if (Str(envelope, "type") != "event_callback" || !envelope.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var team = Str(envelope, "team_id") ?? string.Empty;
        var eventId = Str(envelope, "event_id") ?? Str(e, "event_ts") ?? Guid.NewGuid().ToString("N");
        var botUser = envelope.TryGetProperty("authorizations", out var auths) && auths.ValueKind == JsonValueKind.Array && auths.GetArrayLength() > 0
            ? Str(auths[0], "user_id") : null;
        var user = Str(e, "user");
        var channel = Str(e, "channel");
        if (Str(e, "type") == "reaction_added")
        {
            return FromReaction(e, team, eventId, user, botUser ?? Str(envelope, "api_app_id"), timelineReactions ?? []);
        }

        if (user is null || channel is null || team.Length == 0)
        {
            return null;
        }

        var bot = new ChannelAccount { Id = botUser ?? Str(envelope, "api_app_id") ?? "slack-app", Role = "bot" };
        var from = new ChannelAccount { Id = user, Role = "user" };
        switch (Str(e, "type"))
        {
            case "message" when Str(e, "bot_id") is null && Str(e, "subtype") is null or "file_share" && Str(e, "channel_type") == "im":
            case "app_mention" when Str(e, "bot_id") is null:
                var isMention = Str(e, "type") == "app_mention";
                var conversation = SlackChannel.Conversation(channel, team, isDirect: !isMention);
                if (isMention)
                {
                    SlackChannel.Set(conversation, SlackChannel.ThreadTs, Str(e, "thread_ts") ?? Str(e, "ts"));
                }

                return new SlackTurn(new Activity
                {
                    Type = ActivityTypes.Message,
                    Id = Str(e, "ts"),
                    Text = PlainText(Str(e, "text") ?? string.Empty),
                    From = from,
                    Recipient = bot,
                    Conversation = conversation,
                    ChannelId = SlackChannel.ChannelId,
                    ServiceUrl = SlackChannel.ServiceUrl,
                }, $"slack:event:{team}:{eventId}");
            case "app_home_opened" when Str(e, "tab") == "home":
                // Published afresh every time: the tab shows the person's records as they are now.
                return new SlackTurn(new Activity
                {
                    Type = ActivityTypes.Event,
                    Name = SlackHome.EventName,
                    From = from,
                    Recipient = bot,
                    Conversation = SlackChannel.Conversation(channel, team, isDirect: true),
                    ChannelId = SlackChannel.ChannelId,
                    ServiceUrl = SlackChannel.ServiceUrl,
                }, $"slack:event:{team}:{eventId}");
            case "app_home_opened" when Str(e, "tab") is null or "messages":
                // Opening the app's tabs happens again and again; the welcome is claimed once per person.
                return new SlackTurn(new Activity
                {
                    Type = ActivityTypes.ConversationUpdate,
                    From = from,
                    Recipient = bot,
                    MembersAdded = [bot],
                    Conversation = SlackChannel.Conversation(channel, team, isDirect: true),
                    ChannelId = SlackChannel.ChannelId,
                    ServiceUrl = SlackChannel.ServiceUrl,
                }, $"slack:welcome:{team}:{user}");
            default:
                return null;
        }
    }

    /// <summary>
    /// A reaction with one of the timeline emoji on a message (MAJ-05) as a message reaction on that message; other emoji,
    /// reactions on files and the app's own reactions are not acted on. Retries share the event id.
    /// </summary>
    private static SlackTurn? FromReaction(JsonElement e, string team, string eventId, string? user, string? botUser, IReadOnlyCollection<string> emoji)
    {
        var reaction = Str(e, "reaction");
        if (user is null || user == botUser || reaction is null || !emoji.Contains(reaction, StringComparer.Ordinal) || team.Length == 0
            || !e.TryGetProperty("item", out var item) || Str(item, "type") != "message" || Str(item, "channel") is not { } channel || Str(item, "ts") is not { } ts)
        {
            return null;
        }

        return new SlackTurn(new Activity
        {
            Type = ActivityTypes.MessageReaction,
            Id = Str(e, "event_ts"),
            ReplyToId = ts,
            ReactionsAdded = [new MessageReaction { Type = reaction }],
            From = new ChannelAccount { Id = user, Role = "user" },
            Recipient = new ChannelAccount { Id = botUser ?? "slack-app", Role = "bot" },
            Conversation = SlackChannel.Conversation(channel, team, isDirect: channel.StartsWith('D')),
            ChannelId = SlackChannel.ChannelId,
            ServiceUrl = SlackChannel.ServiceUrl,
        }, $"slack:event:{team}:{eventId}");
    }

    /// <summary>A slash command (<c>/itsm report my printer is jammed</c>): the text after the command is the message.</summary>
    public static SlackTurn? FromCommand(IReadOnlyDictionary<string, string> form)
    {
        if (!form.TryGetValue("team_id", out var team) || !form.TryGetValue("user_id", out var user) || !form.TryGetValue("channel_id", out var channel))
        {
            return null;
        }

        var text = form.GetValueOrDefault("text")?.Trim() is { Length: > 0 } t ? t : ItsmBot.HelpVerb;
        var conversation = SlackChannel.Conversation(channel, team);
        SlackChannel.Set(conversation, SlackChannel.ResponseUrl, form.GetValueOrDefault("response_url"));
        SlackChannel.Set(conversation, SlackChannel.TriggerId, form.GetValueOrDefault("trigger_id"));
        var triggerId = form.GetValueOrDefault("trigger_id") ?? Guid.NewGuid().ToString("N");
        return new SlackTurn(new Activity
        {
            Type = ActivityTypes.Message,
            Id = triggerId,
            Text = text,
            From = new ChannelAccount { Id = user, Name = form.GetValueOrDefault("user_name"), Role = "user" },
            Recipient = new ChannelAccount { Id = form.GetValueOrDefault("api_app_id") ?? "slack-app", Role = "bot" },
            Conversation = conversation,
            ChannelId = SlackChannel.ChannelId,
            ServiceUrl = SlackChannel.ServiceUrl,
        }, $"slack:command:{team}:{triggerId}", ResponseUrl: form.GetValueOrDefault("response_url"));
    }

    /// <summary>A button click (<c>block_actions</c>) or a modal submission (<c>view_submission</c>) as a card action.</summary>
    public static SlackTurn? FromInteraction(JsonElement payload)
    {
        var type = Str(payload, "type");
        var team = payload.TryGetProperty("team", out var t) ? Str(t, "id") : null;
        var user = payload.TryGetProperty("user", out var u) ? Str(u, "id") : null;
        if (team is null || user is null)
        {
            return null;
        }

        var data = new JsonObject();
        string? verb, channel, messageTs = null, viewId = null, dedupe;
        string? origin = null;
        var home = false;
        if (type == "block_actions" && payload.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() > 0)
        {
            var action = actions[0];
            verb = Str(action, "action_id");
            Merge(data, ValueOf(action));
            if (payload.TryGetProperty("state", out var state))
            {
                MergeState(data, state);
            }

            channel = payload.TryGetProperty("channel", out var c) ? Str(c, "id") : null;
            if (payload.TryGetProperty("container", out var container))
            {
                messageTs = Str(container, "message_ts");
                viewId = Str(container, "view_id");
                channel ??= Str(container, "channel_id");
            }

            if (payload.TryGetProperty("view", out var clicked) && Str(clicked, "type") == "home")
            {
                // A click on the Home tab: answers go to the person's messages with the app, the tab stays as it is.
                (viewId, channel, home) = (null, user, true);
            }

            dedupe = $"slack:action:{team}:{user}:{Str(action, "action_ts") ?? Str(payload, "trigger_id")}";
        }
        else if (type == "view_submission" && payload.TryGetProperty("view", out var view))
        {
            verb = Str(view, "callback_id");
            viewId = Str(view, "id");
            if (Str(view, "private_metadata") is { Length: > 0 } metadata && JsonNode.Parse(metadata) is JsonObject carried)
            {
                foreach (var (name, member) in carried)
                {
                    data[name] = member?.DeepClone();
                }
            }

            if (view.TryGetProperty("state", out var state))
            {
                MergeState(data, state);
            }

            origin = data["channel"]?.GetValue<string>();
            channel = origin ?? user;
            dedupe = $"slack:view:{team}:{viewId}:{Str(view, "hash")}";
        }
        else
        {
            return null;
        }

        if (string.IsNullOrEmpty(verb) || channel is null)
        {
            return null;
        }

        // Buttons of one block need distinct action ids, so the verb in the value wins.
        verb = data["verb"] is JsonValue carriedVerb && carriedVerb.TryGetValue(out string? v) ? v : verb;
        data["verb"] = verb;
        var onlyFor = data["onlyFor"]?.GetValue<string>();
        var responseUrl = Str(payload, "response_url");
        var conversation = SlackChannel.Conversation(channel, team);
        SlackChannel.Set(conversation, SlackChannel.ResponseUrl, responseUrl);
        SlackChannel.Set(conversation, SlackChannel.TriggerId, Str(payload, "trigger_id"));
        SlackChannel.Set(conversation, SlackChannel.MessageTs, messageTs);
        SlackChannel.Set(conversation, SlackChannel.ViewId, viewId);
        var value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return new SlackTurn(new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = CardAction.InvokeName,
            // A modal's submissions share its id, so a repeated one makes the same request to the API.
            Id = type == "view_submission" ? viewId : Str(payload, "trigger_id"),
            ReplyToId = messageTs,
            From = new ChannelAccount { Id = user, Name = u.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null, Role = "user" },
            Recipient = new ChannelAccount { Id = Str(payload, "api_app_id") ?? "slack-app", Role = "bot" },
            Conversation = conversation,
            ChannelId = SlackChannel.ChannelId,
            ServiceUrl = SlackChannel.ServiceUrl,
            Value = JsonSerializer.SerializeToElement(value),
        }, dedupe, onlyFor, responseUrl, viewId, origin, home);
    }

    /// <summary>Slack's message markup to the plain words the bot's commands read: mentions of the bot go, links keep their text.</summary>
    public static string PlainText(string text)
    {
        var withoutMentions = UserMention().Replace(text, string.Empty);
        var links = Link().Replace(withoutMentions, m => m.Groups[2].Success ? m.Groups[2].Value : m.Groups[1].Value);
        return links.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal).Trim();
    }

    /// <summary>A button's value is the JSON of its data; a select's value is the chosen option.</summary>
    private static JsonObject? ValueOf(JsonElement action)
    {
        if (Str(action, "value") is { Length: > 0 } value && value.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(value) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return action.TryGetProperty("selected_option", out var option) && Str(option, "value") is { } selected
            ? new JsonObject { [Str(action, "action_id") ?? "value"] = selected }
            : null;
    }

    /// <summary>Inputs by their action id, with the value each kind of element holds.</summary>
    private static void MergeState(JsonObject data, JsonElement state)
    {
        if (!state.TryGetProperty("values", out var blocks) || blocks.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var block in blocks.EnumerateObject())
        {
            foreach (var input in block.Value.EnumerateObject())
            {
                var element = input.Value;
                string? value = Str(element, "type") switch
                {
                    "plain_text_input" or "email_text_input" or "url_text_input" or "number_input" => Str(element, "value"),
                    "datepicker" => Str(element, "selected_date"),
                    "static_select" or "radio_buttons" or "external_select" => element.TryGetProperty("selected_option", out var o) && o.ValueKind == JsonValueKind.Object ? Str(o, "value") : null,
                    "checkboxes" => element.TryGetProperty("selected_options", out var many) && many.ValueKind == JsonValueKind.Array
                        ? (many.GetArrayLength() > 0 ? "true" : "false") : null,
                    _ => Str(element, "value"),
                };
                if (value is not null)
                {
                    data[input.Name] = value;
                }
            }
        }
    }

    private static void Merge(JsonObject data, JsonObject? values)
    {
        foreach (var (name, value) in values ?? [])
        {
            data[name] = value?.DeepClone();
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex UserMention();

    [GeneratedRegex(@"<((?:https?|mailto):[^|>]+)(?:\|([^>]+))?>")]
    private static partial Regex Link();
}
