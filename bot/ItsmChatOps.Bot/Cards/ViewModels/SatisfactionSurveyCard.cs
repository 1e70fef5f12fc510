namespace ItsmChatOps.Bot.Cards.ViewModels;

/// <summary>
/// The survey after closure (BRM-08): a 1–5 rating and an optional comment, answered once by the
/// reporter. With <see cref="Response"/> set the card thanks them instead.
/// </summary>
public sealed record SatisfactionSurveyCard(
    string SurveyId,
    IncidentView Incident,
    CardPerson Respondent,
    bool ViewerCanAnswer,
    SurveyResponse? Response,
    DateTimeOffset ExpiresAt,
    string IdempotencyKey,
    string? Notice = null) : ICardModel
{
    public static string TemplateName => "satisfaction-survey";
}

public sealed record SurveyResponse(int Rating, string? Comment);
