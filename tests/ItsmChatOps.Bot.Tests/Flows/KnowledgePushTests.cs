using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>
/// Knowledge pushed through the notifier, against the real API: a new incident's suggested fixes reach whoever will work
/// it (INC-09), a decided problem candidate replaces every other problem manager's card in place (PRB-02), and "Open" on
/// a source shows the item in the chat as the person may read it (KB-07).
/// </summary>
[Collection(FlowCollection.Name)]
public sealed class KnowledgePushTests(FlowFixture flow)
{
    /// <summary>A second problem manager, so that a decision by one has someone else's card to update.</summary>
    private static readonly TeamsUser Pete = new("pete", "Pete Problem", "0be7e000-0000-4000-8000-00000000be7e");

    [Fact]
    [Trait("Requirement", "INC-09")]
    public async Task IncidentCreated_WithMatches_WorkerGetsSuggestedFixesWithScoresAndApply_ReporterDoesNot()
    {
        await SayHelloAsync(Alice, Heidi, Bob, Nina, Ellen);
        var number = await flow.RaiseAsync(Ellen, "Shared mailbox does not appear in Outlook " + Guid.NewGuid().ToString("N")[..6]);

        var sent = await flow.NotifyAsync();

        var worker = WorkerOf(await IncidentAsync(number));
        var card = Assert.Single(sent, r => r.IsTo(worker.PersonalConversationId) && r.Words().Contains($"Suggested fixes for {number}", StringComparison.Ordinal))
            .Card()!.Value;
        Assert.Matches(@"match \d+%", card.Words());
        Assert.Contains("KB-000008", card.GetRawText(), StringComparison.Ordinal);
        var apply = card.ButtonData(CardVerbs.KnowledgeApply);
        Assert.Equal(number, apply.GetProperty("incidentId").GetString());
        Assert.DoesNotContain(sent, r => r.IsTo(Ellen.PersonalConversationId) && r.Words().Contains("Suggested fixes", StringComparison.Ordinal));

        // The card's button works: the fix is recorded on the incident.
        var (applied, _) = await flow.TurnAsync(Execute(worker, CardVerbs.KnowledgeApply, Data(apply), "fixes-push"));
        Assert.Contains($"Applied to {number}", applied.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.Contains((await LinksAsync(number)), l => l.Kind == "AppliedKnowledge");
    }

    [Fact]
    [Trait("Requirement", "INC-09")]
    public async Task IncidentCreated_NothingMatches_NoSuggestedFixesCard()
    {
        await SayHelloAsync(Alice, Heidi, Bob, Nina);
        using var alice = flow.Api.As("alice@contoso.test");
        using var logged = await alice.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
        {
            Summary = "Zqxw vrrbl glorp " + Guid.NewGuid().ToString("N")[..6], ServiceId = "svc-network", Impact = Impact.Low, Urgency = Urgency.Low,
            Source = IncidentSource.Phone, ReporterId = "fred",
        }, ItsmJson.Options);
        Assert.True(logged.IsSuccessStatusCode, await logged.Content.ReadAsStringAsync());
        var number = (await logged.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!.Id;

        var sent = await flow.NotifyAsync();

        Assert.DoesNotContain(sent, r => r.Words().Contains($"Suggested fixes for {number}", StringComparison.Ordinal));
        var timeline = await alice.GetStringAsync($"api/incidents/{number}/timeline");
        Assert.DoesNotContain("FixesSuggested", timeline, StringComparison.Ordinal);
        using var suggestions = await alice.GetAsync($"api/incidents/{number}/suggestions");
        Assert.Contains("\"suggestions\":[]", await suggestions.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "PRB-02")]
    public async Task CandidateAcceptedByOne_OtherProblemManagersCardReplacedInPlace_TheirLateClickCreatesNothing()
    {
        await AddProblemManagerAsync(Pete);
        await SayHelloAsync(Paula, Pete);
        var incidents = await RaiseClusterAsync("Hardware > Laptop or desktop", "CI-000019", "Laptop build freezes at login");

        var proposed = await flow.NotifyAsync();
        bool IsCard(RecordedRequest r) => r.Words().Contains("Problem candidate", StringComparison.Ordinal) && r.Words().Contains(incidents[0], StringComparison.Ordinal);
        var paulaCard = Assert.Single(proposed, r => r.IsTo(Paula.PersonalConversationId) && IsCard(r));
        var peteCard = Assert.Single(proposed, r => r.IsTo(Pete.PersonalConversationId) && IsCard(r));
        var data = Data(peteCard.Card()!.Value.ButtonData(CardVerbs.ProblemCandidateAccept));

        var (accepted, _) = await flow.TurnAsync(Execute(Pete, CardVerbs.ProblemCandidateAccept, data, peteCard.ActivityId()));
        Assert.Contains("Accepted: problem", accepted.InvokeCard().Words(), StringComparison.Ordinal);
        var updates = await flow.NotifyAsync();

        var update = Assert.Single(updates, r => r.IsTo(Paula.PersonalConversationId) && r.Method == HttpMethod.Put
            && r.Words().Contains(incidents[0], StringComparison.Ordinal));
        Assert.EndsWith($"/activities/{paulaCard.ActivityId()}", update.Uri.AbsolutePath, StringComparison.Ordinal);
        var replaced = update.Card()!.Value;
        Assert.Contains("Accepted: problem", replaced.Words(), StringComparison.Ordinal);
        Assert.Contains("Decided by Pete Problem.", replaced.Words(), StringComparison.Ordinal);
        Assert.False(replaced.HasButton(CardVerbs.ProblemCandidateAccept));
        Assert.DoesNotContain(updates, r => r.IsTo(Pete.PersonalConversationId)); // his own card was answered by his click

        // A click that raced the update: nothing is created twice, and Paula is told who decided.
        var problemsBefore = await ProblemCountAsync();
        var (late, _) = await flow.TurnAsync(Execute(Paula, CardVerbs.ProblemCandidateAccept, data, paulaCard.ActivityId()));
        Assert.Contains("Nothing changed: Pete Problem already accepted this cluster.", late.InvokeCard().Words(), StringComparison.Ordinal);
        var candidate = await CandidateAsync(data["candidateId"]!);
        Assert.Equal(CandidateState.Accepted, candidate.State);
        Assert.Equal("pete", candidate.DecidedBy);
        Assert.Equal(problemsBefore, await ProblemCountAsync());
    }

    /// <summary>Paula raises a problem from the incident; its root cause and workaround make a known error, published through its KB entry.</summary>
    private async Task<string> PublishKnownErrorAsync(string incident, string customerText)
    {
        using var paula = flow.Api.As("paula@contoso.test");
        using var andy = flow.Api.As("andy@contoso.test");
        var problem = await ReadAsync<ProblemResponse>(await paula.PostAsJsonAsync($"api/incidents/{incident}/problem",
            new RaiseProblemFromIncidentRequest { Title = "Outlook closes on PDF attachments" }, ItsmJson.Options));
        await ReadAsync<ProblemResponse>(await paula.PostAsJsonAsync($"api/problems/{problem.Id}/transitions",
            new TransitionProblemRequest { To = ProblemState.UnderInvestigation, AnalystId = "andy" }, ItsmJson.Options));
        await ReadAsync<ProblemResponse>(await paula.PatchAsJsonAsync($"api/problems/{problem.Id}", new UpdateProblemRequest
        {
            RootCause = "A faulty PDF preview handler in the last mail client build.", ResolutionMethod = "Roll out the fixed build.", CustomerText = customerText,
        }, ItsmJson.Options));
        await ReadAsync<ProblemResponse>(await paula.PostAsJsonAsync($"api/problems/{problem.Id}/workarounds",
            new AddProblemWorkaroundRequest("Save the attachment first, then open it from the Downloads folder.", null), ItsmJson.Options));
        problem = await ReadAsync<ProblemResponse>(await andy.PostAsJsonAsync($"api/problems/{problem.Id}/transitions",
            new TransitionProblemRequest { To = ProblemState.RootCauseIdentified, KnownError = new KnownErrorDraft { SuspectedCiIds = ["CI-000013"] } }, ItsmJson.Options));
        var error = problem.KnownErrorIds.Single();
        await ReadAsync<Api.Client.KnownErrors.KnownErrorResponse>(await paula.PostAsJsonAsync($"api/known-errors/{error}/transitions",
            new Api.Client.KnownErrors.TransitionKnownErrorRequest { To = Api.Client.KnownErrors.KnownErrorState.Published }, ItsmJson.Options));
        return error;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>(ItsmJson.Options))!;
        }
    }

    private async Task<int> ProblemCountAsync()
    {
        using var paula = flow.Api.As("paula@contoso.test");
        return System.Text.RegularExpressions.Regex.Count(await paula.GetStringAsync("api/problems"), "\"id\":\"PRB-");
    }

    [Fact]
    [Trait("Requirement", "PRB-08")]
    [Trait("Requirement", "KB-05")]
    public async Task KnownErrorPublished_AssigneeAndServiceDeskGetTheCard_ReporterGetsTheCustomerText()
    {
        await SayHelloAsync(Ellen, Bob, Alice);
        var number = await flow.RaiseAsync(Ellen, "Outlook closes when I open a PDF attachment " + Guid.NewGuid().ToString("N")[..6]);
        await flow.Api.AssignAsync(number);
        await flow.Api.TakeAsync(number);
        const string customerText = "We know why Outlook closes on PDF attachments: save them and open them from the Downloads folder until the update.";
        var error = await PublishKnownErrorAsync(number, customerText);

        var sent = await flow.NotifyAsync();

        var bobCard = Assert.Single(sent, r => r.IsTo(Bob.PersonalConversationId) && r.Words().Contains($"Known error {error}", StringComparison.Ordinal)).Card()!.Value;
        Assert.Contains("Save the attachment first", bobCard.Words(), StringComparison.Ordinal);
        Assert.Equal(number, bobCard.ButtonData(CardVerbs.KnowledgeApply).GetProperty("incidentId").GetString());
        Assert.True(bobCard.HasButton(CardVerbs.KnowledgeOpen));
        var aliceCard = Assert.Single(sent, r => r.IsTo(Alice.PersonalConversationId) && r.Words().Contains($"Known error {error}", StringComparison.Ordinal)).Card()!.Value;
        Assert.False(aliceCard.HasButton(CardVerbs.KnowledgeApply)); // not hers to work
        var toEllen = sent.Where(r => r.IsTo(Ellen.PersonalConversationId)).ToList();
        var news = Assert.Single(toEllen, r => r.Words().Contains($"News about {number}", StringComparison.Ordinal));
        Assert.Contains(customerText, news.Words(), StringComparison.Ordinal);
        Assert.DoesNotContain(toEllen, r => r.Words().Contains("Known error", StringComparison.Ordinal) || r.Words().Contains("faulty", StringComparison.Ordinal));

        // Delivery is at least once: the announcement is not repeated.
        Assert.DoesNotContain(await flow.NotifyAsync(), r => r.Words().Contains($"Known error {error}", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "KB-07")]
    [Trait("Requirement", "KB-01")]
    public async Task OpenSource_ItemShownInTheChat_ACustomerCannotOpenAnAgentsOrSecurityItem()
    {
        var agent = await OpenAsync(Alice, "KB-000008");
        var customer = await OpenAsync(Dave, "KB-000008");
        var security = await OpenAsync(Dave, "KB-000053");
        var open = await OpenAsync(Dave, "KB-000010");

        Assert.Contains("Shared mailbox does not appear in Outlook", agent, StringComparison.Ordinal);
        Assert.DoesNotContain("Shared mailbox", customer, StringComparison.Ordinal);
        Assert.True(customer.Contains("couldn't find that", StringComparison.Ordinal), customer);
        Assert.DoesNotContain("Phishing", security, StringComparison.Ordinal);
        Assert.Contains("couldn't find that", security, StringComparison.Ordinal);
        Assert.Contains("Connect to the VPN from home", open, StringComparison.Ordinal);
        Assert.Contains("Did this help?", open, StringComparison.Ordinal);
    }

    /// <summary>"Open" on a source: what the person reads, in the invoke's answer and in what the bot posts.</summary>
    private async Task<string> OpenAsync(TeamsUser user, string itemId)
    {
        var (response, sent) = await flow.TurnAsync(Execute(user, CardVerbs.KnowledgeOpen, new { itemId, source = "KnowledgeItem" }, "answer-" + itemId));
        var invoke = JsonSerializer.Serialize(response?.Body).Contains("adaptive", StringComparison.Ordinal) ? response.InvokeCard().Words() : response.InvokeText();
        return string.Join(" ", sent.Select(r => r.Words()).Append(invoke));
    }

    private async Task SayHelloAsync(params TeamsUser[] users)
    {
        foreach (var user in users)
        {
            await flow.TurnAsync(Message(user, "my incidents"));
        }
    }

    private async Task AddProblemManagerAsync(TeamsUser user)
    {
        using var admin = flow.Api.As("grace@contoso.test");
        using var response = await admin.PutAsJsonAsync($"api/people/{user.PersonId}", new UpsertPersonRequest
        {
            DisplayName = user.Name,
            Email = $"{user.PersonId}@contoso.test",
            Roles = [ItsmRole.ProblemManager],
            ChatIdentities = [new ChatIdentity(ChatPlatform.Teams, TestActivities.TenantId, user.ObjectId)],
        }, ItsmJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static TeamsUser WorkerOf(IncidentResponse incident) => (incident.AssigneeId, incident.GroupId ?? incident.OwnerGroupId) switch
    {
        ("bob", _) or (null, "grp-messaging") => Bob,
        ("nina", _) or (null, "grp-network") => Nina,
        _ => Alice,
    };

    private async Task<IReadOnlyList<LinkView>> LinksAsync(string number)
    {
        using var alice = flow.Api.As("alice@contoso.test");
        return (await alice.GetFromJsonAsync<IReadOnlyList<LinkView>>($"api/incidents/{number}/links", ItsmJson.Options))!;
    }

    private async Task<IncidentResponse> IncidentAsync(string number)
    {
        using var alice = flow.Api.As("alice@contoso.test");
        return (await alice.GetFromJsonAsync<IncidentResponse>($"api/incidents/{number}", ItsmJson.Options))!;
    }

    private async Task<IReadOnlyList<string>> RaiseClusterAsync(string category, string ci, string summary)
    {
        using var alice = flow.Api.As("alice@contoso.test");
        var numbers = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            using var logged = await alice.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
            {
                Summary = $"{summary} ({i})", ServiceId = "svc-workplace", Category = category, CiIds = [ci],
                Impact = Impact.Low, Urgency = Urgency.Low, Source = IncidentSource.Phone, ReporterId = "fred",
            }, ItsmJson.Options);
            Assert.True(logged.IsSuccessStatusCode, await logged.Content.ReadAsStringAsync());
            numbers.Add((await logged.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!.Id);
            await flow.Api.RelayAsync();
        }

        return numbers;
    }

    private async Task<ProblemCandidateResponse> CandidateAsync(string id)
    {
        using var paula = flow.Api.As("paula@contoso.test");
        return (await paula.GetFromJsonAsync<ProblemCandidateResponse>($"api/problem-candidates/{id}", ItsmJson.Options))!;
    }

    private static Dictionary<string, string?> Data(JsonElement data) =>
        data.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
}
