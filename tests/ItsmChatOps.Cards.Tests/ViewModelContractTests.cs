using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>The sample data is the view model's contract: it must read into the record and write back unchanged.</summary>
public sealed class ViewModelContractTests
{
    public static TheoryData<string> Names => SampleCards.Names;

    [Fact]
    public void Templates_EachHasOneViewModelAndSampleData()
    {
        var templates = SampleCards.Templates.Names.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(templates, SampleCards.ViewModels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(templates, SampleCards.DataFileNames().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void RoundTrip_SampleData_ThroughViewModel_IsUnchanged(string name)
    {
        var sample = SampleCards.Data(name);

        var model = JsonSerializer.Deserialize(sample, SampleCards.ViewModels[name], CardJson.ViewModels);
        var written = JsonSerializer.SerializeToNode(model, SampleCards.ViewModels[name], CardJson.ViewModels);

        JsonAssert.Equal(sample, written);
    }

    [Fact]
    public void Deserialize_UnknownField_IsRejected()
    {
        var sample = SampleCards.Data("help");
        sample["nickname"] = "Al";

        Assert.Throws<JsonException>(() => sample.Deserialize<HelpCard>(CardJson.ViewModels));
    }

    [Fact]
    public void Deserialize_MissingField_IsRejected()
    {
        var sample = SampleCards.Data("help");
        sample.Remove("isWelcome");

        Assert.Throws<JsonException>(() => sample.Deserialize<HelpCard>(CardJson.ViewModels));
    }

    [Fact]
    public void Serialize_Time_IsUtcToTheSecond()
    {
        var note = new IncidentNote("Priya Shah", new DateTimeOffset(2025, 11, 24, 10, 30, 15, 789, TimeSpan.FromHours(1)), "On it.");

        var json = JsonSerializer.SerializeToNode(note, CardJson.ViewModels)!;

        Assert.Equal("2025-11-24T09:30:15Z", json["at"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "SLM-05")]
    public void FormSample_ImpactAndUrgencyChoices_AreTheDefaultScales()
    {
        var form = (IncidentFormCard)SampleCards.Model("incident-form");

        Assert.Equal(IncidentScales.Impact, form.ImpactChoices);
        Assert.Equal(IncidentScales.Urgency, form.UrgencyChoices);
    }
}
