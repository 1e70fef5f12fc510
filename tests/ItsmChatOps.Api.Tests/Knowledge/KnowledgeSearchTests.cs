using System.Net;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Knowledge;

public sealed class KnowledgeSearchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly KnowledgeSteps _kb = new(api);
    private readonly IncidentSteps _incidents = new(api);

    [Fact]
    [Trait("Requirement", "KB-01")]
    public async Task Ask_AQuestionMatchingAnArticle_ItIsTheTopSource_WithSnippetAndLink_AndTheAnswerQuotesIt()
    {
        var answer = await _kb.AskAsync("outlok keeps asking me for my pasword every few minutes");
        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.InRange(answer.Sources.Count, 1, 3);
        var top = answer.Sources[0];
        Assert.Equal(("KB-000001", "/api/knowledge/KB-000001"), (top.Id, top.Link));
        Assert.Contains("Credential Manager", answer.Answer);
        Assert.False(string.IsNullOrWhiteSpace(top.Snippet));
        Assert.False(answer.SuggestRaiseIncident);
    }

    [Fact]
    [Trait("Requirement", "KB-01")]
    public async Task Ask_QuestionWordedLikeTheSymptoms_AnswerAndSnippetQuoteTheBody_NotTheSymptomsBack()
    {
        var answer = await _kb.AskAsync("how to connect to VPN when working from home");

        var top = answer.Sources[0];
        Assert.Equal("KB-000010", top.Id);
        Assert.StartsWith("Connect to the VPN from home: ", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("GlobalProtect", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("remote access", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("remote access", top.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "KB-01")]
    public async Task Ask_AQuestionNothingAnswers_SaysIDontKnow_WithoutSources_AndOffersToRaiseAnIncidentWithTheQuestion()
    {
        var answer = await _kb.AskAsync("what is the airspeed velocity of an unladen swallow");
        Assert.Equal(AnswerMode.NoAnswer, answer.Mode);
        Assert.Empty(answer.Sources);
        Assert.True(answer.SuggestRaiseIncident);
        Assert.Equal("what is the airspeed velocity of an unladen swallow", answer.Question);
        Assert.StartsWith("I don't know", answer.Answer);
    }

    [Fact]
    [Trait("Requirement", "KB-02")]
    public async Task Who_Payroll_ListsItsGroupsAndOnCallContact()
    {
        var who = await (await _kb.Alice.GetAsync("/api/knowledge/who?service=Payroll")).ReadAsync<WhoResponse>();
        Assert.Equal("svc-payroll", who.ServiceId);
        var entry = Assert.Single(who.Entries);
        Assert.Contains(entry.Groups, g => g.Id == "grp-business-apps" && g.Name == "Business Applications" && g.LeadId == "priya");
        Assert.Contains("on-call", entry.OnCallContact);
        Assert.Contains(entry.SupplierContacts, c => c.StartsWith("PayCo", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "KB-02")]
    public async Task ResolvedIncidents_AreSearchedForAgents_ButNeverForCustomers()
    {
        var incident = await _incidents.ResolvedByBobAsync(Requests.Incident("Zebra label printer in the warehouse prints blank labels", "svc-workplace", category: "Hardware > Printer"));
        var agentHits = await _kb.SearchAsync("warehouse zebra label printer blank labels", _kb.Alice);
        Assert.Contains(agentHits, h => h.Id == incident.Id && h.Source == HitSource.ResolvedIncident);
        var customerHits = await _kb.SearchAsync("warehouse zebra label printer blank labels", _kb.Erin);
        Assert.DoesNotContain(customerHits, h => h.Source == HitSource.ResolvedIncident);
        var answer = await _kb.AskAsync("warehouse zebra label printer prints blank labels", _kb.Dave);
        Assert.DoesNotContain(answer.Sources, s => s.Source == HitSource.ResolvedIncident);
    }

    [Fact]
    [Trait("Requirement", "KB-07")]
    public async Task Customer_AskingWhatOnlyAnAgentsItemAnswers_GetsNoResult_AnAgentGetsIt()
    {
        const string question = "the payroll bank export keeps timing out";
        var customer = await _kb.AskAsync(question, _kb.Erin);
        Assert.DoesNotContain(customer.Sources, s => s.Id == "KB-000043");
        Assert.DoesNotContain(await _kb.SearchAsync(question, _kb.Dave), h => h.Id == "KB-000043");
        await (await _kb.Erin.GetAsync("/api/knowledge/KB-000043")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("KB-000043", (await _kb.AskAsync(question, _kb.Alice)).Sources[0].Id);
    }

    [Fact]
    [Trait("Requirement", "KB-07")]
    public async Task SecurityRestrictedItems_ReachTheSecurityManager_NotAgentsOrCustomers()
    {
        const string question = "lots of people got the same phishing email, how do we purge it";
        Assert.Equal("KB-000053", (await _kb.AskAsync(question, _kb.Frank)).Sources[0].Id);
        Assert.DoesNotContain((await _kb.AskAsync(question, _kb.Alice)).Sources, s => s.Id == "KB-000053");
        Assert.DoesNotContain((await _kb.AskAsync(question, _kb.Erin)).Sources, s => s.Id == "KB-000053");
        await (await _kb.Alice.GetAsync("/api/knowledge/KB-000053")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("KB-000053", (await _kb.GetAsync("KB-000053", _kb.Frank)).Id);
    }

    [Fact]
    [Trait("Requirement", "KB-07")]
    public async Task WritingASecurityRestrictedItem_IsForTheSecurityAudience()
    {
        var byAgent = await _kb.Alice.PostJsonAsync("/api/knowledge", KnowledgeSteps.Article("Forensic imaging steps", "Use the write blocker and hash the image.", KnowledgeAudience.SecurityRestricted));
        Assert.Contains("KB-07", (await byAgent.ProblemAsync(HttpStatusCode.Forbidden)).Requirements());
        var bySecurity = await _kb.CreateAsync(KnowledgeSteps.Article("Forensic imaging steps", "Use the write blocker and hash the image.", KnowledgeAudience.SecurityRestricted), _kb.Frank);
        Assert.Equal(KnowledgeAudience.SecurityRestricted, bySecurity.Content.Audience);
    }

    [Fact]
    [Trait("Requirement", "KB-01")]
    public async Task Search_WithoutText_Is400()
    {
        await (await _kb.Alice.GetAsync("/api/knowledge/search?q=")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _kb.Alice.PostJsonAsync("/api/knowledge/answers", new AnswerRequest())).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}
