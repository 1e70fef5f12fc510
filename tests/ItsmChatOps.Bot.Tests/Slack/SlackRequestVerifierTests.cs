using System.Globalization;
using System.Text;
using System.Text.Json;
using ItsmChatOps.Bot.Slack;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>Slack's v0 request signing, case by case, and the same cases through @slack/bolt's verifySlackRequest (SEC-02).</summary>
public sealed class SlackRequestVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private const string Body = "token=xyz&team_id=T0SLACK01&user_id=U0DAVE001&command=%2Fitsm&text=my+incidents";

    private static SlackRequestVerifier Verifier(string? secret = SlackRequests.SigningSecret) =>
        new(Options.Create(new SlackOptions { SigningSecret = secret }), new FakeTimeProvider(Now));

    private static string Ts(TimeSpan offset) => (Now + offset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string Sig(string timestamp, string body = Body, string secret = SlackRequests.SigningSecret) =>
        Encoding.ASCII.GetString(SlackRequestVerifier.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));

    /// <summary>The example of Slack's documentation: this secret, timestamp and body give this signature.</summary>
    [Fact]
    [Trait("Requirement", "SEC-02")]
    public void Sign_SlackDocumentationExample_SameSignature()
    {
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

        var signature = Encoding.ASCII.GetString(SlackRequestVerifier.Sign("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", Encoding.UTF8.GetBytes(body)));

        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", signature);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public void Verify_SignedNow_Valid() =>
        Assert.Equal(SlackVerification.Valid, Verifier().Verify(Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero)), Encoding.UTF8.GetBytes(Body)));

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public void Verify_BodyChanged_BadSignature() =>
        Assert.Equal(SlackVerification.BadSignature, Verifier().Verify(Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero)), Encoding.UTF8.GetBytes(Body + "&x=1")));

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public void Verify_OtherSecret_BadSignature() =>
        Assert.Equal(SlackVerification.BadSignature, Verifier().Verify(Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero), secret: "another-secret"), Encoding.UTF8.GetBytes(Body)));

    [Theory]
    [Trait("Requirement", "SEC-02")]
    [InlineData(-301, SlackVerification.Stale)]
    [InlineData(-300, SlackVerification.Valid)]
    [InlineData(300, SlackVerification.Valid)]
    [InlineData(301, SlackVerification.Stale)]
    public void Verify_TimestampAtTheWindowEdge_RefusedPastFiveMinutesEitherWay(int seconds, SlackVerification expected)
    {
        var ts = Ts(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, Verifier().Verify(ts, Sig(ts), Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [Trait("Requirement", "SEC-02")]
    [InlineData(null, "v0=00", SlackVerification.MissingHeaders)]
    [InlineData("1772445600", null, SlackVerification.MissingHeaders)]
    [InlineData("", "", SlackVerification.MissingHeaders)]
    [InlineData("17724456OO", "v0=00", SlackVerification.MalformedTimestamp)]
    [InlineData("-1772445600", "v0=00", SlackVerification.MalformedTimestamp)]
    [InlineData("1772445600", "v1=00", SlackVerification.UnknownVersion)]
    public void Verify_MissingOrMalformedHeaders_Refused(string? timestamp, string? signature, SlackVerification expected) =>
        Assert.Equal(expected, Verifier().Verify(timestamp, signature, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public void Verify_NoSigningSecretConfigured_NotConfigured() =>
        Assert.Equal(SlackVerification.NotConfigured, Verifier(secret: null).Verify(Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero)), Encoding.UTF8.GetBytes(Body)));

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public void Verify_UppercaseHexSignature_BadSignature()
    {
        var ts = Ts(TimeSpan.Zero);

        Assert.Equal(SlackVerification.BadSignature, Verifier().Verify(ts, "v0=" + Sig(ts)[3..].ToUpperInvariant(), Encoding.UTF8.GetBytes(Body)));
    }

    /// <summary>
    /// Every case through Slack's own SDK: same verdict, except a timestamp from the future, which Bolt lets through
    /// and this verifier refuses (|now − ts| ≤ 300 s, as python-slack-sdk does).
    /// </summary>
    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task Verify_SameCasesAsSlackBolt_SameVerdicts()
    {
        var json = "{\"type\":\"event_callback\",\"event\":{\"type\":\"message\",\"text\":\"caf\u00e9 \u2615 <@U0BOT0001>\"}}";
        var cases = new List<(string Name, string Secret, string? Timestamp, string? Signature, string Body, bool FromFuture)>
        {
            ("valid form", SlackRequests.SigningSecret, Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero)), Body, false),
            ("valid json with non-ascii", SlackRequests.SigningSecret, Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero), json), json, false),
            ("valid 299 s old", SlackRequests.SigningSecret, Ts(TimeSpan.FromSeconds(-299)), Sig(Ts(TimeSpan.FromSeconds(-299))), Body, false),
            ("stale 301 s", SlackRequests.SigningSecret, Ts(TimeSpan.FromSeconds(-301)), Sig(Ts(TimeSpan.FromSeconds(-301))), Body, false),
            ("replayed after an hour", SlackRequests.SigningSecret, Ts(TimeSpan.FromHours(-1)), Sig(Ts(TimeSpan.FromHours(-1))), Body, false),
            ("body tampered", SlackRequests.SigningSecret, Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero)), Body.Replace("my+incidents", "help", StringComparison.Ordinal), false),
            ("other secret", "not-the-secret", Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero)), Body, false),
            ("signature of another timestamp", SlackRequests.SigningSecret, Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.FromSeconds(-1))), Body, false),
            ("unknown version", SlackRequests.SigningSecret, Ts(TimeSpan.Zero), "v1=" + Sig(Ts(TimeSpan.Zero))[3..], Body, false),
            ("truncated signature", SlackRequests.SigningSecret, Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero))[..20], Body, false),
            ("empty body", SlackRequests.SigningSecret, Ts(TimeSpan.Zero), Sig(Ts(TimeSpan.Zero), ""), "", false),
            ("from the future", SlackRequests.SigningSecret, Ts(TimeSpan.FromMinutes(10)), Sig(Ts(TimeSpan.FromMinutes(10))), Body, true),
        };
        var input = new
        {
            cases = cases.Select(c => new { name = c.Name, signingSecret = c.Secret, timestamp = c.Timestamp, signature = c.Signature, body = c.Body, nowMilliseconds = Now.ToUnixTimeMilliseconds() }),
        };

        var output = await NodeProcess.RunAsync("oracle/slack-verify-oracle.mjs", JsonSerializer.Serialize(input), TimeSpan.FromSeconds(60));
        var bolt = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("valid").GetBoolean());

        foreach (var c in cases)
        {
            var ours = new SlackRequestVerifier(Options.Create(new SlackOptions { SigningSecret = c.Secret }), new FakeTimeProvider(Now))
                .Verify(c.Timestamp, c.Signature, Encoding.UTF8.GetBytes(c.Body)) == SlackVerification.Valid;
            Assert.True(c.FromFuture ? bolt[c.Name] && !ours : bolt[c.Name] == ours, $"{c.Name}: Bolt says {bolt[c.Name]}, the bot says {ours}");
        }

        Assert.Equal(5, bolt.Count(b => b.Value)); // the four correctly signed in time, and the one from the future
    }
}
