using System.Net;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Tests.Infrastructure;
using ItsmChatOps.Bot.WarRooms;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.WarRooms;

/// <summary>War rooms in Teams at the HTTP boundary: Graph creates the channel, the Connector posts the headline into it (MAJ-05).</summary>
public sealed class TeamsWarRoomTests : IDisposable
{
    private const string TeamId = "5b0e6a1c-team";
    private const string ChannelId = "19:c7b9a8@thread.tacv2";
    private const string OperationsChannel = "19:ops@thread.tacv2";
    private readonly RecordingHandler graph;
    private readonly BotFactory factory;
    private readonly WarRoomRequest request = new("MI-000007", "INC-000042", "mi-INC-000042-email-and-calendar", "Major incident MI-000007: nobody can send email");

    public TeamsWarRoomTests()
    {
        factory = new BotFactory();
        graph = factory.Graph;
        factory.Settings["WarRooms:TeamId"] = TeamId;
        factory.Settings["WarRooms:TenantId"] = "contoso-tenant";
        factory.Settings["WarRooms:ServiceUrl"] = "https://smba.trafficmanager.net/teams/";
        factory.Settings["WarRooms:OperationsChannelId"] = OperationsChannel;
        factory.Connector.Responder = _ => RecordingHandler.Json(HttpStatusCode.Created, new { id = $"{ChannelId};messageid=1700", activityId = "1700" });
    }

    private IWarRoomChannels Rooms => factory.Services.GetRequiredService<IWarRoomChannels>();

    private static Activity Headline() => Activity.CreateMessage("MI-000007 declared");

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Open_CreatesAStandardChannelWithGraph_ThenPostsTheHeadlineThroughTheConnector()
    {
        graph.Responder = _ => RecordingHandler.Json(HttpStatusCode.Created,
            new { id = ChannelId, displayName = request.ChannelName, webUrl = "https://teams.microsoft.com/l/channel/19%3Ac7b9a8" });

        var room = await Rooms.OpenAsync(request, Headline(), CancellationToken.None);

        var create = Assert.Single(graph.Requests);
        Assert.Equal(HttpMethod.Post, create.Method);
        Assert.Equal($"https://graph.microsoft.com/v1.0/teams/{TeamId}/channels", create.Uri.ToString());
        Assert.StartsWith("Bearer ", create.Authorization);
        Assert.Equal(request.ChannelName, create.Json.GetProperty("displayName").GetString());
        Assert.Equal("standard", create.Json.GetProperty("membershipType").GetString());
        Assert.Equal(request.Description, create.Json.GetProperty("description").GetString());
        Assert.Contains(factory.Entra.Requests, r => r.Body.Contains("graph.microsoft.com", StringComparison.Ordinal));

        var post = Assert.Single(factory.Connector.Requests);
        Assert.Equal("https://smba.trafficmanager.net/teams/v3/conversations", post.Uri.ToString());
        Assert.True(post.Json.GetProperty("isGroup").GetBoolean());
        Assert.Equal(ChannelId, post.Json.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("contoso-tenant", post.Json.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("MI-000007 declared", post.Json.GetProperty("activity").GetProperty("text").GetString());
        Assert.Equal($"28:{ChannelKeys.AppId}", post.Json.GetProperty("bot").GetProperty("id").GetString());

        Assert.Equal((WarRoomMode.Channel, ChannelId, "https://teams.microsoft.com/l/channel/19%3Ac7b9a8", "1700", (string?)null),
            (room.Mode, room.ChannelId, room.Link, room.HeadlineActivityId, room.Notice));
        Assert.Equal($"{ChannelId};messageid=1700", room.Conversation.Conversation.Id);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Open_NameTaken_TriesASuffixedName()
    {
        var calls = 0;
        graph.Responder = _ => Interlocked.Increment(ref calls) == 1
            ? RecordingHandler.Json(HttpStatusCode.Conflict, new { error = new { code = "NameAlreadyExists", message = "Channel name already existed." } })
            : RecordingHandler.Json(HttpStatusCode.Created, new { id = ChannelId, displayName = "x", webUrl = "https://teams.microsoft.com/l/channel/2" });

        var room = await Rooms.OpenAsync(request with { ChannelName = new string('a', 50) }, Headline(), CancellationToken.None);

        Assert.Equal(2, graph.Requests.Count);
        Assert.Equal(new string('a', 48) + "-2", graph.Requests[1].Json.GetProperty("displayName").GetString());
        Assert.Equal(WarRoomMode.Channel, room.Mode);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Open_PermissionMissing_OpensAThreadInTheOperationsChannel_WithANotice()
    {
        graph.Responder = _ => RecordingHandler.Json(HttpStatusCode.Forbidden,
            new { error = new { code = "Forbidden", message = "Missing role permissions on the request." } }, ("request-id", "req-403"));

        var room = await Rooms.OpenAsync(request, Headline(), CancellationToken.None);

        Assert.Single(graph.Requests);
        var post = Assert.Single(factory.Connector.Requests);
        Assert.Equal(OperationsChannel, post.Json.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal((WarRoomMode.Thread, OperationsChannel), (room.Mode, room.ChannelId));
        Assert.Contains("Channel.Create.Group", room.Notice);
        Assert.Equal($"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(OperationsChannel)}/1700", room.Link);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Open_Throttled_WaitsRetryAfter_ThenCreates()
    {
        var calls = 0;
        graph.Responder = _ => Interlocked.Increment(ref calls) == 1
            ? RecordingHandler.Json(HttpStatusCode.TooManyRequests, new { error = new { code = "TooManyRequests" } }, ("Retry-After", "9"))
            : RecordingHandler.Json(HttpStatusCode.Created, new { id = ChannelId, displayName = request.ChannelName, webUrl = "https://teams.microsoft.com/l/channel/3" });

        var opened = Rooms.OpenAsync(request, Headline(), CancellationToken.None);
        var room = await factory.Time.AdvanceUntilDoneAsync(opened, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(2));

        Assert.Equal(2, graph.Requests.Count);
        Assert.Equal(WarRoomMode.Channel, room.Mode);
        Assert.Single(factory.Connector.Requests);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Open_AlwaysThrottled_GivesUpWithoutPosting()
    {
        graph.Responder = _ => RecordingHandler.Json(HttpStatusCode.TooManyRequests, new { }, ("Retry-After", "1"));

        var opened = Rooms.OpenAsync(request, Headline(), CancellationToken.None);
        var failure = await Assert.ThrowsAsync<GraphException>(() => factory.Time.AdvanceUntilDoneAsync(opened, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(2)));

        Assert.Equal(HttpStatusCode.TooManyRequests, failure.Status);
        Assert.Equal(4, graph.Requests.Count);
        Assert.Empty(factory.Connector.Requests);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Open_PermissionMissing_WithoutAnOperationsChannel_Fails()
    {
        factory.Settings["WarRooms:OperationsChannelId"] = null;
        graph.Responder = _ => RecordingHandler.Json(HttpStatusCode.Forbidden, new { }, ("request-id", "req-403"));

        var failure = await Assert.ThrowsAsync<GraphPermissionException>(() => Rooms.OpenAsync(request, Headline(), CancellationToken.None));

        Assert.Equal("req-403", failure.RequestId);
        Assert.Empty(factory.Connector.Requests);
    }

    private static WarRoomView Room(WarRoomMode mode = WarRoomMode.Channel) =>
        new(Api.Client.People.ChatPlatform.Teams, mode, ChannelId, "https://teams.microsoft.com/l/channel/19%3Ac7b9a8", DateTimeOffset.UnixEpoch, null, null);

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Archive_Channel_PostsGraphArchive_ReadOnlyForMembers()
    {
        graph.Responder = _ => new HttpResponseMessage(HttpStatusCode.Accepted);

        var archive = await Rooms.ArchiveAsync(Room(), CancellationToken.None);

        var call = Assert.Single(graph.Requests);
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.Equal($"https://graph.microsoft.com/v1.0/teams/{TeamId}/channels/{Uri.EscapeDataString(ChannelId)}/archive", call.Uri.AbsoluteUri);
        Assert.StartsWith("Bearer ", call.Authorization);
        Assert.True(call.Json.GetProperty("shouldSetSpoSiteReadOnlyForMembers").GetBoolean());
        Assert.Equal(new WarRoomArchive(true, null), archive);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Archive_PermissionMissing_LeavesTheChannelOpen_WithANoticeNamingThePermission()
    {
        graph.Responder = _ => RecordingHandler.Json(HttpStatusCode.Forbidden, new { error = new { code = "Forbidden" } }, ("request-id", "req-403"));

        var archive = await Rooms.ArchiveAsync(Room(), CancellationToken.None);

        Assert.Single(graph.Requests);
        Assert.False(archive.Archived);
        Assert.Contains("ChannelSettings.ReadWrite.All", archive.Notice);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Archive_Throttled_WaitsRetryAfter_ThenArchives()
    {
        var calls = 0;
        graph.Responder = _ => Interlocked.Increment(ref calls) == 1
            ? RecordingHandler.Json(HttpStatusCode.TooManyRequests, new { error = new { code = "TooManyRequests" } }, ("Retry-After", "7"))
            : new HttpResponseMessage(HttpStatusCode.Accepted);
        var started = factory.Time.GetUtcNow();

        var archiving = Rooms.ArchiveAsync(Room(), CancellationToken.None);
        var archive = await factory.Time.AdvanceUntilDoneAsync(archiving, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(2));

        Assert.Equal(2, graph.Requests.Count);
        Assert.True(factory.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(7));
        Assert.True(archive.Archived);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Archive_AlwaysThrottled_Throws_SoTheEventIsTriedAgain()
    {
        graph.Responder = _ => RecordingHandler.Json(HttpStatusCode.TooManyRequests, new { }, ("Retry-After", "1"));

        var archiving = Rooms.ArchiveAsync(Room(), CancellationToken.None);
        var failure = await Assert.ThrowsAsync<GraphException>(() => factory.Time.AdvanceUntilDoneAsync(archiving, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(2)));

        Assert.Equal(HttpStatusCode.TooManyRequests, failure.Status);
        Assert.Equal(4, graph.Requests.Count);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Archive_ThreadInTheOperationsChannel_NoGraphCall_TheFinalMessageClosesIt()
    {
        var archive = await Rooms.ArchiveAsync(Room(WarRoomMode.Thread), CancellationToken.None);

        Assert.Empty(graph.Requests);
        Assert.True(archive.Archived);
    }

    public void Dispose() => factory.Dispose();
}
