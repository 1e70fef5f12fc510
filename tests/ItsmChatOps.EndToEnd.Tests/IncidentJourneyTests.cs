using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Surveys;
using Microsoft.Playwright;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>
/// The issue's "done when", in the local Web Chat: a person reports a problem in one line with typos, finds
/// it in "my incidents", an agent resolves it over HTTP, the person confirms the fix on the card that
/// arrives and rates the service 4 out of 5. A screenshot is saved at each step.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(LocalChatCollection.Name)]
public sealed class IncidentJourneyTests(LocalChatHost host)
{
    private const string Reporter = "dave@contoso.test";

    [Fact]
    [Trait("Requirement", "INC-01")]
    [Trait("Requirement", "INC-05")]
    [Trait("Requirement", "BRM-08")]
    public async Task Person_ReportsConfirmsAndRates_AllInWebChat()
    {
        var chat = await ChatPage.OpenAsync(host, Reporter);
        await chat.ScreenshotAsync("journey-1-welcome");

        await chat.SendAsync("outlok keeps askin for my pasword");
        var form = await chat.CardAsync("Report a problem");
        await ChooseIfEmptyAsync(form, "Medium: it needs fixing today");
        await ChooseIfEmptyAsync(form, "Low: just me, or a minor nuisance");
        await chat.ScreenshotAsync("journey-2-form");
        await ChatPage.Button(form, "Submit").ClickAsync();

        var created = await chat.CardAsync("logged your problem");
        var number = System.Text.RegularExpressions.Regex.Match(await created.InnerTextAsync(), @"INC-\d{6}").Value;
        Assert.NotEmpty(number);
        await chat.ScreenshotAsync("journey-3-created");

        await chat.SendAsync("my incidents");
        await Assertions.Expect((await chat.CardAsync("Your open incidents")).GetByText(number).First).ToBeVisibleAsync();
        await chat.ScreenshotAsync("journey-4-my-incidents");

        await ResolveAsAgentAsync(number);
        var confirmation = await chat.CardAsync("Is it fixed?");
        await chat.ScreenshotAsync("journey-5-is-it-fixed");
        await ChatPage.Button(confirmation, "Yes, it").ClickAsync();

        await chat.CardAsync("Fixed and closed");
        await chat.ScreenshotAsync("journey-6-closed");

        var survey = await chat.CardAsync("How did we do?");
        await survey.Locator("input[type=radio][aria-label=\"4, happy\"]").CheckAsync();
        await survey.Locator("textarea").FillAsync("Quick and friendly, thank you.");
        await chat.ScreenshotAsync("journey-7-survey");
        await ChatPage.Button(survey, "Send feedback").ClickAsync();

        await Assertions.Expect((await chat.CardAsync("Thanks for your feedback")).GetByText("4 out of 5")).ToBeVisibleAsync();
        await chat.ScreenshotAsync("journey-8-thanks");

        using var alice = host.Agent("alice@contoso.test");
        var incident = await alice.GetFromJsonAsync<IncidentResponse>($"api/incidents/{number}", ItsmJson.Options);
        Assert.Equal((IncidentState.Closed, ClosureMethod.ReporterConfirmed), (incident!.State, incident.Closure?.Method));
        var answered = await alice.GetFromJsonAsync<SurveyResponse>($"api/surveys/SRV-{number}", ItsmJson.Options);
        Assert.Equal((SurveyState.Answered, 4), (answered!.State, answered.Rating));
        await chat.Page.CloseAsync();
    }

    /// <summary>Picks an answer the intake could not infer; what it inferred is left as the person sees it.</summary>
    private static async Task ChooseIfEmptyAsync(ILocator form, string answer)
    {
        var option = form.Locator($"input[type=radio][aria-label=\"{answer}\"]");
        var group = form.Locator(".ac-choiceSetInput-expanded").Filter(new() { Has = form.Page.Locator($"input[aria-label=\"{answer}\"]") });
        if (await group.Locator("input[type=radio]:checked").CountAsync() == 0)
        {
            await option.CheckAsync();
        }
    }

    /// <summary>The service desk takes the incident and resolves it over HTTP with a development token, as with curl.</summary>
    private async Task ResolveAsAgentAsync(string number)
    {
        using var alice = host.Agent("alice@contoso.test");
        var current = await alice.GetFromJsonAsync<IncidentResponse>($"api/incidents/{number}", ItsmJson.Options);
        if (current!.Category is null)
        {
            using var classified = await alice.PatchAsJsonAsync($"api/incidents/{number}", new UpdateIncidentRequest { Category = "Software > Email" }, ItsmJson.Options);
            classified.EnsureSuccessStatusCode();
        }

        using var taken = await alice.PostAsJsonAsync($"api/incidents/{number}/transitions", new TransitionIncidentRequest { To = IncidentState.InProgress }, ItsmJson.Options);
        Assert.True(taken.IsSuccessStatusCode, await taken.Content.ReadAsStringAsync());
        using var resolved = await alice.PostAsJsonAsync($"api/incidents/{number}/transitions", new TransitionIncidentRequest
        {
            To = IncidentState.Resolved,
            Resolution = new ResolutionDetails { Code = "Fixed", Notes = "Removed an old app password and reset your Outlook profile.", CauseCategory = "Configuration error" },
        }, ItsmJson.Options);
        Assert.True(resolved.IsSuccessStatusCode, await resolved.Content.ReadAsStringAsync());
    }
}
