using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Slack;

/// <summary>Why a Slack request was accepted or refused.</summary>
public enum SlackVerification
{
    Valid,
    NotConfigured,
    MissingHeaders,
    MalformedTimestamp,
    Stale,
    UnknownVersion,
    BadSignature,
}

/// <summary>
/// Slack's request signing (v0): HMAC-SHA256 over <c>v0:{timestamp}:{raw body}</c> with the signing secret,
/// hex, compared in constant time with <c>X-Slack-Signature</c>. The timestamp must be within five minutes of
/// now either way (a replayed request is stale). Verified over the raw bytes, before anything is parsed.
/// </summary>
public sealed class SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider time)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public SlackVerification Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(options.Value.SigningSecret))
        {
            return SlackVerification.NotConfigured;
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackVerification.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackVerification.MalformedTimestamp;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)Window.TotalSeconds)
        {
            return SlackVerification.Stale;
        }

        if (!signature.StartsWith("v0=", StringComparison.Ordinal))
        {
            return SlackVerification.UnknownVersion;
        }

        var expected = Sign(options.Value.SigningSecret, timestamp, body);
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SlackVerification.Valid : SlackVerification.BadSignature;
    }

    /// <summary>The <c>X-Slack-Signature</c> value Slack sends for <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public static byte[] Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return Encoding.ASCII.GetBytes("v0=" + Convert.ToHexStringLower(hash));
    }
}
