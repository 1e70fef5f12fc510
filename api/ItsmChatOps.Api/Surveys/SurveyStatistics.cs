using System.Globalization;
using ItsmChatOps.Api.Client.Surveys;

namespace ItsmChatOps.Api.Surveys;

/// <summary>Averages that never blend question-set versions or sampling methods (BRM-09), with monthly drops flagged (BRM-10).</summary>
public static class SurveyStatistics
{
    public static SurveyReport Report(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<Survey> answered, double dropFlag)
    {
        var series = answered
            .GroupBy(s => (s.QuestionSetVersion, s.SamplingMethod))
            .OrderBy(g => g.Key.QuestionSetVersion).ThenBy(g => g.Key.SamplingMethod, StringComparer.Ordinal)
            .Select(g =>
            {
                var months = new List<SurveyMonth>();
                double? previous = null;
                foreach (var month in g.GroupBy(s => s.AnsweredAt!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture)).OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    var average = Math.Round(month.Average(s => s.Rating!.Value), 2);
                    months.Add(new SurveyMonth(month.Key, month.Count(), average, previous is { } p && p - average >= dropFlag - 1e-9));
                    previous = average;
                }

                return new SurveySeries(g.Key.QuestionSetVersion, g.Key.SamplingMethod, g.Count(), Math.Round(g.Average(s => s.Rating!.Value), 2), months);
            })
            .ToList();
        return new SurveyReport(from, to, series);
    }
}
