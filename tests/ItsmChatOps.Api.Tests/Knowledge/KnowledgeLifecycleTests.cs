using System.Net;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Knowledge;

public sealed class KnowledgeLifecycleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly KnowledgeSteps _kb = new(api);

    [Fact]
    [Trait("Requirement", "KB-06")]
    public async Task Publish_ByAResolver_Is403_ByAnEditor_MakesItSearchable_Retire_DropsItFromSearch_ButGetStillWorks()
    {
        var item = await _kb.CreateAsync(KnowledgeSteps.Article("Plotter in the drawing office smears ink", "Clean the plotter's printhead from the maintenance menu, then print the alignment page."), _kb.Bob);
        Assert.Equal(KnowledgeState.Draft, item.State);
        await _kb.MoveAsync(item.Id, KnowledgeState.InReview, _kb.Bob);
        var byResolver = await _kb.Bob.PostJsonAsync($"/api/knowledge/{item.Id}/transitions", new TransitionKnowledgeRequest { To = KnowledgeState.Published });
        Assert.Contains("KB-06", (await byResolver.ProblemAsync(HttpStatusCode.Forbidden)).Requirements());
        Assert.DoesNotContain(await _kb.SearchAsync("plotter smears ink"), h => h.Id == item.Id);

        await _kb.MoveAsync(item.Id, KnowledgeState.Published);
        Assert.Equal(item.Id, (await _kb.SearchAsync("plotter smears ink"))[0].Id);

        var noReason = await _kb.Kate.PostJsonAsync($"/api/knowledge/{item.Id}/transitions", new TransitionKnowledgeRequest { To = KnowledgeState.Retired });
        await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await _kb.MoveAsync(item.Id, KnowledgeState.Retired, reason: "The plotter was replaced.");
        Assert.DoesNotContain(await _kb.SearchAsync("plotter smears ink"), h => h.Id == item.Id);
        Assert.Equal(KnowledgeState.Retired, (await _kb.GetAsync(item.Id, _kb.Alice)).State);
    }

    [Fact]
    [Trait("Requirement", "KB-06")]
    public async Task EditingAPublishedItem_MakesVersion2InDraft_TheOldVersionStaysLiveUntilVersion2IsPublished()
    {
        var item = await _kb.PublishedAsync(KnowledgeSteps.Article("Badge reader at the car park gate", "Hold the badge flat against the reader for two seconds until it beeps."));
        var edited = await (await _kb.Bob.PatchJsonAsync($"/api/knowledge/{item.Id}", new UpdateKnowledgeItemRequest { Body = "The car park gate now opens with the mobile badge app: tap Open Gate." }))
            .ReadAsync<KnowledgeItemResponse>();
        Assert.Equal((1, KnowledgeState.Published), (edited.Version, edited.State));
        Assert.Equal((2, KnowledgeState.Draft), (edited.Revision!.Version, edited.Revision.State));
        Assert.Contains("two seconds", (await _kb.SearchAsync("car park gate badge")).Single(h => h.Id == item.Id).Snippet);

        var liveMove = await _kb.Kate.PostJsonAsync($"/api/knowledge/{item.Id}/transitions", new TransitionKnowledgeRequest { To = KnowledgeState.InReview });
        await liveMove.ProblemAsync(HttpStatusCode.Conflict);
        await _kb.MoveAsync(item.Id, KnowledgeState.InReview, _kb.Bob, revision: true);
        var published = await _kb.MoveAsync(item.Id, KnowledgeState.Published, revision: true);
        Assert.Equal(2, published.Version);
        Assert.Null(published.Revision);
        Assert.Equal([1, 2], published.History.Select(h => h.Version));
        Assert.Contains("mobile badge app", (await _kb.SearchAsync("car park gate badge")).Single(h => h.Id == item.Id).Snippet);
    }

    [Fact]
    [Trait("Requirement", "KB-06")]
    public async Task CustomersCannotWriteItems_AndDraftsAreInvisibleToThem()
    {
        var byCustomer = await _kb.Erin.PostJsonAsync("/api/knowledge", KnowledgeSteps.Article("My own tip", "Restart everything twice and hope for the best."));
        await byCustomer.ProblemAsync(HttpStatusCode.Forbidden);
        var draft = await _kb.CreateAsync(KnowledgeSteps.Article("Draft about kiosks", "Kiosk screens restart at midnight to install updates."));
        await (await _kb.Erin.GetAsync($"/api/knowledge/{draft.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(draft.Id, (await _kb.GetAsync(draft.Id, _kb.Alice)).Id);
    }

    [Fact]
    [Trait("Requirement", "KB-06")]
    public async Task ReviewDate_Is12MonthsAfterPublication_AndTheOwnerIsRemindedThen()
    {
        var item = await _kb.PublishedAsync(KnowledgeSteps.Article("Meeting room screens", "Press the Teams Room console to join the meeting on the room screen."));
        Assert.Equal(api.Clock.GetUtcNow().AddMonths(12), item.ReviewDue);
        api.Clock.Advance(TimeSpan.FromDays(366));
        await api.RunProcessTimersAsync();
        var reminder = Assert.Single(await _kb.EventsAsync(item.Id), e => e.Kind == "KnowledgeReviewDue");
        Assert.Equal(["kate"], reminder.Notify);
        await api.RunProcessTimersAsync();
        Assert.Single(await _kb.EventsAsync(item.Id), e => e.Kind == "KnowledgeReviewDue");
    }
}
