using System.Text.Json;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Slack;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>INC-04 on Slack: the incident messages list "Possibly related" problems and recent changes, only when there are any.</summary>
public sealed class SlackRelatedRecordsTests
{
    private static readonly string Cards = Path.GetFullPath(Path.Combine(NodeProcess.ProjectDirectory, "..", "..", "cards"));
    private static readonly PossiblyRelated Related = new(
        [new RelatedRecordItem("PRB-000012", "CRM search index corrupt", null)],
        [new RelatedRecordItem("CHG-000040", "CRM search service upgrade", new DateTimeOffset(2026, 3, 10, 20, 1, 0, TimeSpan.Zero))]);

    private readonly SlackCards slack = new();

    public static TheoryData<string> Names => ["incident-created", "incident-status"];

    [Theory]
    [MemberData(nameof(Names))]
    [Trait("Requirement", "INC-04")]
    public void Render_WithRelatedRecords_ListsNumbersTitlesAndWhenTheChangeWasImplemented(string name)
    {
        var rendered = slack.Render(WithRelated(name, Related));

        Assert.Empty(BlockKitRules.Violations(rendered));
        var json = rendered.ToJsonString(CardJson.Compact);
        Assert.Contains("*Possibly related*", json, StringComparison.Ordinal);
        Assert.Contains("Open problem *PRB-000012*: CRM search index corrupt", json, StringComparison.Ordinal);
        Assert.Matches(@"Change \*CHG-000040\*: CRM search service upgrade, implemented <!date\^1773172860\^\{date_short\}\|10 Mar 2026>", json);
    }

    [Theory]
    [MemberData(nameof(Names))]
    [Trait("Requirement", "INC-04")]
    public void Render_NothingRelated_LeavesTheSectionOut(string name)
    {
        var rendered = slack.Render(WithRelated(name, PossiblyRelated.None));

        Assert.Empty(BlockKitRules.Violations(rendered));
        var json = rendered.ToJsonString(CardJson.Compact);
        Assert.DoesNotContain("Possibly related", json, StringComparison.Ordinal);
        Assert.DoesNotContain("PRB-", json, StringComparison.Ordinal);
    }

    private static ICardModel WithRelated(string name, PossiblyRelated related)
    {
        var type = SlackCardTests.ViewModels[name];
        var sample = (ICardModel)JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Cards, "teams", name + ".data.json")), type, CardJson.ViewModels)!;
        return sample switch
        {
            IncidentCreatedCard created => created with { Related = related },
            IncidentStatusCard status => status with { Related = related },
            _ => throw new InvalidOperationException($"{type.Name} has no related records."),
        };
    }
}
