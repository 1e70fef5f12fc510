using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Tests.Storage;

public abstract partial class DocumentStoreContract
{
    private static readonly Dictionary<string, (Condition[] Where, string[] Expected)> ConditionCases = new()
    {
        ["eq-string"] = ([new Eq("state", J("new"))], ["INC-1", "INC-2", "INC-6"]),
        ["eq-number"] = ([new Eq("priority", J(2))], ["INC-2", "INC-3"]),
        ["eq-true"] = ([new Eq("major", J(true))], ["INC-1", "INC-5"]),
        ["eq-false"] = ([new Eq("major", J(false))], ["INC-2", "INC-3", "INC-4", "INC-6"]),
        ["eq-null-missing-or-null"] = ([new Eq("assignee", null)], ["INC-2", "INC-3", "INC-6"]),
        ["eq-nested-path"] = ([new Eq("assignment.groupId", J("desk"))], ["INC-1", "INC-3"]),
        ["eq-timestamp"] = ([new Eq("openedAt", J("2024-03-01T09:30:00Z"))], ["INC-2"]),
        ["in-strings"] = ([new In("state", [J("resolved"), J("closed")])], ["INC-4", "INC-5"]),
        ["in-numbers"] = ([new In("priority", [J(1), J(3)])], ["INC-1", "INC-4", "INC-6"]),
        ["in-empty"] = ([new In("state", [])], []),
        ["lt-number"] = ([new Compare("priority", CompareOp.LessThan, J(2))], ["INC-1", "INC-6"]),
        ["le-number"] = ([new Compare("priority", CompareOp.LessOrEqual, J(2))], ["INC-1", "INC-2", "INC-3", "INC-6"]),
        ["gt-decimal"] = ([new Compare("impact", CompareOp.GreaterThan, J(1.25))], ["INC-3", "INC-5"]),
        ["ge-number"] = ([new Compare("priority", CompareOp.GreaterOrEqual, J(3))], ["INC-4", "INC-5"]),
        ["ne-string"] = ([new Compare("state", CompareOp.NotEqual, J("new"))], ["INC-3", "INC-4", "INC-5"]),
        ["gt-timestamp"] = ([new Compare("openedAt", CompareOp.GreaterThan, J("2024-03-01T09:30:00Z"))], ["INC-3", "INC-5", "INC-6"]),
        ["lt-timestamp"] = ([new Compare("openedAt", CompareOp.LessThan, J("2024-03-01T00:00:00Z"))], ["INC-4"]),
        ["range-timestamp"] = (
            [new Compare("openedAt", CompareOp.GreaterOrEqual, J("2024-03-01T08:00:00Z")), new Compare("openedAt", CompareOp.LessThan, J("2024-03-02T10:00:00Z"))],
            ["INC-1", "INC-2", "INC-6"]),
        ["array-contains"] = ([new ArrayContains("tags", J("mail"))], ["INC-1", "INC-4"]),
        ["array-contains-no-match"] = ([new ArrayContains("tags", J("printer"))], []),
        ["contains-text-any-case"] = ([new ContainsText("title", "mAiL")], ["INC-1", "INC-4"]),
        ["is-defined"] = ([new IsDefined("assignee")], ["INC-1", "INC-4", "INC-5"]),
        ["is-not-defined"] = ([new IsDefined("assignee", Defined: false)], ["INC-2", "INC-3", "INC-6"]),
        ["any-of"] = ([new AnyOf([new Eq("major", J(true)), new Eq("state", J("resolved"))])], ["INC-1", "INC-4", "INC-5"]),
        ["any-of-empty"] = ([new AnyOf([])], []),
        ["all-of"] = ([new Eq("state", J("new")), new Compare("priority", CompareOp.LessOrEqual, J(1))], ["INC-1", "INC-6"]),
    };

    private static JsonValue J<T>(T value) => JsonValue.Create(value)!;

    public static TheoryData<string> ConditionCaseNames() => [.. ConditionCases.Keys];

    [Theory]
    [MemberData(nameof(ConditionCaseNames))]
    public async Task Query_Condition_ReturnsExactlyTheMatchingDocuments(string caseName)
    {
        var (where, expected) = ConditionCases[caseName];
        var pk = NewPartition();
        await SeedIncidentsAsync(pk);
        await SeedIncidentsAsync(NewPartition());

        var page = await Store.QueryAsync(pk, new DocumentQuery { Where = where, PageSize = 100 });

        Assert.Equal(expected, page.Items.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(page.Items, d => Assert.DoesNotContain(d.Body, p => p.Key.StartsWith('_')));
        Assert.Null(page.Continuation);
    }

    [Theory]
    [MemberData(nameof(ConditionCaseNames))]
    public async Task Count_Condition_CountsTheMatchingDocuments(string caseName)
    {
        var (where, expected) = ConditionCases[caseName];
        var pk = NewPartition();
        await SeedIncidentsAsync(pk);
        await SeedIncidentsAsync(NewPartition());

        Assert.Equal(expected.Length, await Store.CountAsync(pk, where));
    }

    [Fact]
    public async Task Count_EmptyPartition_ReturnsZero() =>
        Assert.Equal(0, await Store.CountAsync(NewPartition(), []));

    [Fact]
    public async Task Query_AnotherPartition_SeesNoneOfThisPartitionsDocuments()
    {
        var (mine, theirs) = (NewPartition(), NewPartition());
        await SeedIncidentsAsync(theirs);
        await Store.CreateAsync(mine, "INC-9", new JsonObject { ["state"] = "new" });

        var page = await Store.QueryAsync(mine, new DocumentQuery());

        Assert.Equal(["INC-9"], page.Items.Select(d => d.Id));
        Assert.Equal(1, await Store.CountAsync(mine, [new Eq("state", J("new"))]));
    }

    /// <summary>Six incidents covering strings, integers, decimals, booleans, ISO-8601 UTC times, nulls, missing paths and arrays.</summary>
    private async Task SeedIncidentsAsync(string pk)
    {
        JsonObject[] incidents =
        [
            new() { ["id"] = "INC-1", ["state"] = "new", ["priority"] = 1, ["impact"] = 0.5, ["major"] = true, ["openedAt"] = "2024-03-01T08:00:00Z", ["assignee"] = "ana", ["tags"] = new JsonArray("mail", "outage"), ["title"] = "Mail is DOWN", ["assignment"] = new JsonObject { ["groupId"] = "desk" } },
            new() { ["id"] = "INC-2", ["state"] = "new", ["priority"] = 2, ["impact"] = 1.25, ["major"] = false, ["openedAt"] = "2024-03-01T09:30:00Z", ["assignee"] = null, ["tags"] = new JsonArray("network"), ["title"] = "VPN drops", ["assignment"] = new JsonObject { ["groupId"] = "network" } },
            new() { ["id"] = "INC-3", ["state"] = "in-progress", ["priority"] = 2, ["impact"] = 1.5, ["major"] = false, ["openedAt"] = "2024-03-02T10:00:00Z", ["tags"] = new JsonArray(), ["title"] = "Printer jam", ["assignment"] = new JsonObject { ["groupId"] = "desk" } },
            new() { ["id"] = "INC-4", ["state"] = "resolved", ["priority"] = 3, ["impact"] = 1, ["major"] = false, ["openedAt"] = "2024-02-28T23:59:59Z", ["assignee"] = "bo", ["tags"] = new JsonArray("mail"), ["title"] = "Outlook MAIL slow" },
            new() { ["id"] = "INC-5", ["state"] = "closed", ["priority"] = 4, ["impact"] = 2.75, ["major"] = true, ["openedAt"] = "2024-03-05T00:00:00Z", ["assignee"] = "ana", ["title"] = "Laptop broken", ["assignment"] = new JsonObject { ["groupId"] = "hardware" } },
            new() { ["id"] = "INC-6", ["state"] = "new", ["priority"] = 1, ["impact"] = 0.25, ["major"] = false, ["openedAt"] = "2024-03-01T12:00:00Z", ["tags"] = new JsonArray("access"), ["title"] = "Password reset" },
        ];
        foreach (var incident in incidents)
        {
            await Store.CreateAsync(pk, incident["id"]!.GetValue<string>(), incident);
        }
    }
}
