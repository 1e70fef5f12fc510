using System.Net;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Knowledge;

namespace ItsmChatOps.Api.Tests.Infrastructure;

/// <summary>The common moves of knowledge work, as the people in the seed data would make them.</summary>
public sealed class KnowledgeSteps(ApiFactory api)
{
    public HttpClient Kate => api.As("kate@contoso.test");
    public HttpClient Paula => api.As("paula@contoso.test");
    public HttpClient Andy => api.As("andy@contoso.test");
    public HttpClient Bob => api.As("bob@contoso.test");
    public HttpClient Alice => api.As("alice@contoso.test");
    public HttpClient Dave => api.As("dave@contoso.test");
    public HttpClient Erin => api.As("erin@fabrikam.test");
    public HttpClient Frank => api.As("frank@contoso.test");

    public static CreateKnowledgeItemRequest Article(string title, string body, KnowledgeAudience audience = KnowledgeAudience.Customers,
        KnowledgeKind kind = KnowledgeKind.Article, params string[] services) =>
        new() { Kind = kind, Audience = audience, Title = title, Body = body, ServiceIds = services };

    public async Task<KnowledgeItemResponse> CreateAsync(CreateKnowledgeItemRequest request, HttpClient? as_ = null) =>
        await (await (as_ ?? Kate).PostJsonAsync("/api/knowledge", request)).ReadAsync<KnowledgeItemResponse>(HttpStatusCode.Created);

    public async Task<KnowledgeItemResponse> MoveAsync(string id, KnowledgeState to, HttpClient? as_ = null, string? reason = null, bool revision = false) =>
        await (await (as_ ?? Kate).PostJsonAsync($"/api/knowledge/{id}/{(revision ? "revision/" : "")}transitions", new TransitionKnowledgeRequest { To = to, Reason = reason }))
            .ReadAsync<KnowledgeItemResponse>();

    /// <summary>Written by Kate, reviewed and published by her.</summary>
    public async Task<KnowledgeItemResponse> PublishedAsync(CreateKnowledgeItemRequest request)
    {
        var item = await CreateAsync(request);
        await MoveAsync(item.Id, KnowledgeState.InReview);
        return await MoveAsync(item.Id, KnowledgeState.Published);
    }

    public async Task<KnowledgeItemResponse> GetAsync(string id, HttpClient? as_ = null) =>
        await (await (as_ ?? Kate).GetAsync($"/api/knowledge/{id}")).ReadAsync<KnowledgeItemResponse>();

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, HttpClient? as_ = null, string? service = null)
    {
        await api.RelayEventsAsync();
        var url = $"/api/knowledge/search?q={Uri.EscapeDataString(query)}" + (service is null ? "" : $"&service={service}");
        return (await (await (as_ ?? Alice).GetAsync(url)).ReadAsync<SearchResponse>()).Hits;
    }

    public async Task<AnswerResponse> AskAsync(string question, HttpClient? as_ = null)
    {
        await api.RelayEventsAsync();
        return await (await (as_ ?? Dave).PostJsonAsync("/api/knowledge/answers", new AnswerRequest { Question = question })).ReadAsync<AnswerResponse>();
    }

    /// <summary>Events of any record in the order logged (relayed first).</summary>
    public async Task<IReadOnlyList<EventResponse>> EventsAsync(string recordId)
    {
        await api.RelayEventsAsync();
        var page = await (await api.AsBot(null).GetAsync("/api/events?limit=500")).ReadAsync<EventFeedPage>();
        var all = page.Events.ToList();
        while (page.Events.Count == 500)
        {
            page = await (await api.AsBot(null).GetAsync($"/api/events?limit=500&after={page.Cursor}")).ReadAsync<EventFeedPage>();
            all.AddRange(page.Events);
        }

        return all.Where(e => e.RecordId == recordId).ToList();
    }
}
