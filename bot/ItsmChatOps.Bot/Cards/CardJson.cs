using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItsmChatOps.Bot.Cards;

/// <summary>How view models become template data: camelCase, enums by name, times as UTC seconds.</summary>
public static class CardJson
{
    /// <summary>Strict both ways, so sample data that drifts from the view model fails to load.</summary>
    public static JsonSerializerOptions ViewModels { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false), new UtcSecondsConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>JSON as JavaScript's JSON.stringify writes it (no escaping of non-ASCII text).</summary>
    internal static JsonSerializerOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The RFC 3339 form Adaptive Cards' {{DATE()}} and {{TIME()}} accept: no fractional seconds,
    /// so each reader formats the time in their own time zone and language.
    /// </summary>
    private sealed class UtcSecondsConverter : JsonConverter<DateTimeOffset>
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.ParseExact(reader.GetString()!, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture));
    }
}
