using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>INC-04 on the agent's incident cards: "Possibly related" lists problems and recent changes, only when there are any.</summary>
[Collection(NodeCollection.Name)]
public sealed class RelatedRecordCardTests(NodeOracle node)
{
    private static readonly PossiblyRelated Related = new(
        [new RelatedRecordItem("PRB-000012", "CRM search index corrupt", null), new RelatedRecordItem("PRB-000015", "CRM pages time out at month end", null)],
        [new RelatedRecordItem("CHG-000040", "CRM search service upgrade", new DateTimeOffset(2026, 3, 10, 20, 1, 0, TimeSpan.Zero))]);

    public static TheoryData<string> Cards => ["incident-created", "incident-status"];

    [Theory]
    [MemberData(nameof(Cards))]
    [Trait("Requirement", "INC-04")]
    public void Render_WithRelatedRecords_ListsEachProblemAndChangeWithNumberAndTitle(string name)
    {
        var card = CardCheck.Render(node, WithRelated(name, Related));

        var text = CardCheck.Text(card);
        Assert.Contains("Possibly related", text, StringComparison.Ordinal);
        Assert.Contains("Open problem **PRB-000012**: CRM search index corrupt", text, StringComparison.Ordinal);
        Assert.Contains("Open problem **PRB-000015**: CRM pages time out at month end", text, StringComparison.Ordinal);
        Assert.Contains("Change **CHG-000040**: CRM search service upgrade, implemented {{DATE(2026-03-10T20:01:00Z, SHORT)}}", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cards))]
    [Trait("Requirement", "INC-04")]
    public void Render_OnlyAChange_ListsItWithoutProblems(string name)
    {
        var card = CardCheck.Render(node, WithRelated(name, Related with { Problems = [] }));

        var text = CardCheck.Text(card);
        Assert.Contains("Possibly related", text, StringComparison.Ordinal);
        Assert.Contains("CHG-000040", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Open problem", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cards))]
    [Trait("Requirement", "INC-04")]
    public void Render_NothingRelated_LeavesTheSectionOut(string name)
    {
        var card = CardCheck.Render(node, WithRelated(name, PossiblyRelated.None));

        var text = CardCheck.Text(card);
        Assert.DoesNotContain("Possibly related", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRB-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CHG-", text, StringComparison.Ordinal);
    }

    private static Bot.Cards.ICardModel WithRelated(string name, PossiblyRelated related) => SampleCards.Model(name) switch
    {
        IncidentCreatedCard created => created with { Related = related },
        IncidentStatusCard status => status with { Related = related, LinkedChanges = null },
        var other => throw new InvalidOperationException($"{other.GetType().Name} has no related records."),
    };
}
