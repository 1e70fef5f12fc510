namespace ItsmChatOps.Deployment.Tests.Settings;

/// <summary>
/// Compares the app settings the Bicep gives one app with the keys its code reads, both ways: a setting
/// nobody reads (renamed in the code, or a typo) and a key the app needs that the Bicep does not give are
/// both problems, as is any development-only setting.
/// </summary>
public static class SettingsCheck
{
    /// <param name="settings">The app settings, in configuration form (<c>A:B:0</c>, not <c>A__B__0</c>).</param>
    public static IReadOnlyList<string> Problems(AzureProfile profile, IReadOnlyList<SettingRead> reads, IReadOnlyCollection<string> settings)
    {
        var problems = new List<string>();
        foreach (var setting in settings.Order(StringComparer.Ordinal))
        {
            if (profile.Forbidden.FirstOrDefault(f => SettingKey.IsUnder(f.Section, setting)) is { Section: not null } forbidden)
            {
                problems.Add($"{profile.App}: the Bicep sets '{setting}', which must not be set in Azure: {forbidden.Reason}.");
            }
            else if (!IsRead(reads, setting) && !IsTolerated(profile, reads, setting))
            {
                problems.Add($"{profile.App}: the Bicep sets '{setting}', but the code does not read it (renamed or misspelt?).");
            }
        }

        foreach (var key in profile.Required)
        {
            if (!settings.Any(s => SettingKey.Matches(key, s)))
            {
                problems.Add($"{profile.App}: the Bicep does not set '{key}', which the app needs in Azure.");
            }

            if (!reads.Any(r => SettingKey.Matches(r.Key, key)) && !IsTolerated(profile, reads, key))
            {
                problems.Add($"{profile.App}: the Azure profile requires '{key}', but the code does not read it (renamed?).");
            }
        }

        foreach (var read in reads.Where(r => r.Required).DistinctBy(r => r.Key))
        {
            if (!settings.Any(s => SettingKey.Matches(read.Key, s)))
            {
                problems.Add($"{profile.App}: the code requires '{read.Key}' ({read.Origin}), but the Bicep does not set it.");
            }
        }

        return problems;
    }

    private static bool IsRead(IReadOnlyList<SettingRead> reads, string setting) =>
        reads.Any(r => SettingKey.Matches(r.Key, setting) || (r.WholeSection && SettingKey.IsUnder(r.Key, setting)));

    /// <summary>An anticipated key passes only while the code reads nothing in its section; then it must match a real read.</summary>
    private static bool IsTolerated(AzureProfile profile, IReadOnlyList<SettingRead> reads, string key) =>
        profile.Anticipated.Any(a => SettingKey.Matches(a, key))
        && !reads.Any(r => string.Equals(SettingKey.TopSection(r.Key), SettingKey.TopSection(key), StringComparison.OrdinalIgnoreCase));
}
