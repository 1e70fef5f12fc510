using ItsmChatOps.Api.Knowledge.Search;

namespace ItsmChatOps.Api.Tests.Knowledge;

/// <summary>The local sentence model as its callers meet it: unit vectors, and a cancelled run reported as a cancellation.</summary>
public sealed class MiniLmEmbeddingTests
{
    [Fact]
    public async Task Generate_Cancelled_IsACancellationNotAModelFailure()
    {
        using var generator = new MiniLmEmbeddingGenerator();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["outlook keeps asking for my password"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Generate_Sentence_UnitVectorOf384()
    {
        using var generator = new MiniLmEmbeddingGenerator();

        var vector = (await generator.GenerateAsync(["vpn drops every few minutes"]))[0].Vector.ToArray();

        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 3);
    }
}
