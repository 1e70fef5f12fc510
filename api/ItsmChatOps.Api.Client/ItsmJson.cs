using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ItsmChatOps.Api.Client;

/// <summary>
/// The JSON conventions of the API, shared by the server, the typed client and the stores: camelCase,
/// enums as strings only (an integer or an unknown name is an error), required members and nullable
/// annotations respected (absent means 400, not a default), nulls omitted, times as fixed-width UTC.
/// </summary>
public static class ItsmJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(NullableParametersAreOptional);
        if (!options.Converters.OfType<StrictEnumConverter>().Any())
        {
            options.Converters.Add(new StrictEnumConverter());
            options.Converters.Add(new UtcTimestampConverter());
        }

        return options;
    }

    /// <summary>
    /// A constructor parameter of a nullable type may be absent (nulls are not written); every other
    /// constructor parameter stays required, so a missing non-nullable value is an error, not a default.
    /// </summary>
    private static void NullableParametersAreOptional(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.AssociatedParameter is { } parameter
                && (parameter.IsNullable || Nullable.GetUnderlyingType(parameter.ParameterType) is not null))
            {
                property.IsRequired = false;
            }
        }
    }
}

/// <summary>
/// Writes every timestamp as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>: fixed width, so stored values sort
/// correctly as strings in both stores; reads any ISO-8601 form with an offset.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            || !HasExplicitZone(text))
        {
            throw new JsonException("Expected an ISO-8601 timestamp with a time zone, e.g. 2026-03-02T10:00:00Z.");
        }

        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Text(value));

    public static string Text(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    private static bool HasExplicitZone(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
