using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Tests.Shared;
using Microsoft.Playwright;
using static ItsmChatOps.Tests.Shared.KnownErrorSteps;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>
/// The knowledge base's "done when", in the local Web Chat: a person asks a question and gets an answer card
/// with its sources and "Did this help?"; starting an incident about a known problem offers its workaround
/// first, and "This solved it" raises nothing. A screenshot is saved at each step.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(LocalChatCollection.Name)]
public sealed class KnowledgeJourneyTests(LocalChatHost host)
{
    private const string Asker = "ellen@contoso.test";

    [Fact]
    [Trait("Requirement", "KB-01")]
    [Trait("Requirement", "KB-04")]
    public async Task Person_AsksAQuestion_AnswerWithSourcesFeedbackAndRaiseWithTheQuestion()
    {
        var chat = await ChatPage.OpenAsync(host, Asker);

        await chat.SendAsync("how do I connect to the VPN from home?");
        var answer = await chat.CardAsync("Sources");
        await Assertions.Expect(answer.GetByText("Connect to the VPN from home").First).ToBeVisibleAsync();
        await Assertions.Expect(answer.GetByText("Did this help?")).ToBeVisibleAsync();
        await chat.ScreenshotAsync("knowledge-1-answer");

        await ChatPage.Button(answer, "Yes").First.ClickAsync();
        await Assertions.Expect(chat.Page.GetByText("Glad it helped").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await chat.ScreenshotAsync("knowledge-2-feedback");

        await ChatPage.Button(answer, "Raise an incident").ClickAsync();
        var form = await chat.CardAsync("Report a problem");
        await Assertions.Expect(form.Locator("input[type=text]").First).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("VPN from home", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await chat.ScreenshotAsync("knowledge-3-raise-with-the-question");

        var votes = (await KnowledgeItemAsync("KB-000010")).Feedback;
        Assert.True(votes.Helpful >= 1, $"The vote was not stored: {votes}");
        await chat.Page.CloseAsync();
    }

    [Fact]
    [Trait("Requirement", "KB-05")]
    [Trait("Requirement", "KB-08")]
    public async Task Person_StartsAnIncidentAboutAKnownProblem_WorkaroundFirst_ThisSolvedItRaisesNothing()
    {
        var entry = await PublishedKnownErrorAsync(
            "Outlook calendar reminders pop up twice after the May update",
            "Every calendar reminder shows two pop-ups since the May update of Outlook.",
            "Turn off reminders in Outlook on the web; the desktop app keeps showing them once.");
        var chat = await ChatPage.OpenAsync(host, Asker);

        await chat.SendAsync("report every outlook reminder pops up twice since the update");
        var offers = await chat.CardAsync("Before you raise an incident");
        await Assertions.Expect(offers.GetByText("Workaround: Turn off reminders in Outlook on the web").First).ToBeVisibleAsync();
        Assert.Equal(0, await offers.Locator("button.ac-pushButton", new() { HasText = "Submit" }).CountAsync());
        await chat.ScreenshotAsync("knowledge-4-known-error-first");

        await ChatPage.Button(offers, "This solved it").First.ClickAsync();
        await chat.CardAsync("Glad that fixed it");
        await chat.ScreenshotAsync("knowledge-5-solved");

        Assert.Equal(1, (await KnowledgeItemAsync(entry)).Deflections);
        using var ellen = host.Agent(Asker);
        var open = await ellen.GetFromJsonAsync<Page<IncidentSummary>>("api/incidents?mine=true&open=true", ItsmJson.Options);
        Assert.DoesNotContain(open!.Items, i => i.Summary.Contains("reminder", StringComparison.OrdinalIgnoreCase));
        await chat.Page.CloseAsync();
    }

    /// <summary>The problem manager and the analyst, over HTTP: a problem with a workaround, its known error published for customers (KB-05).</summary>
    private async Task<string> PublishedKnownErrorAsync(string title, string symptoms, string workaround)
    {
        using var paula = host.Agent("paula@contoso.test");
        using var andy = host.Agent("andy@contoso.test");
        var entry = await KnownErrorSteps.PublishAsync(paula, andy, "andy", title, symptoms, workaround);
        await SearchableAsync(entry, symptoms);
        return entry;
    }

    /// <summary>The search index follows the event feed in the background: waits until the person's search finds the entry.</summary>
    private async Task SearchableAsync(string id, string text)
    {
        using var asker = host.Agent(Asker);
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(30); DateTimeOffset.UtcNow < deadline; await Task.Delay(250))
        {
            var found = await asker.GetFromJsonAsync<SearchResponse>($"api/knowledge/search?q={Uri.EscapeDataString(text)}", ItsmJson.Options);
            if (found!.Hits.Any(h => h.Id == id))
            {
                return;
            }
        }

        throw new TimeoutException($"{id} did not reach the search index.");
    }

    private async Task<KnowledgeItemResponse> KnowledgeItemAsync(string id)
    {
        using var kate = host.Agent("kate@contoso.test");
        return await ReadAsync<KnowledgeItemResponse>(await kate.GetAsync($"api/knowledge/{id}"));
    }
}
