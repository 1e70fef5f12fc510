namespace ItsmChatOps.Api.Common;

/// <summary>Reads the If-Match header of an update; absent means "no precondition" (the server still writes with its own read ETag).</summary>
public static class ETags
{
    public static string? IfMatch(HttpContext context)
    {
        var value = context.Request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*")
        {
            return null;
        }

        // A weak tag compares by its opaque part; our tags are always strong.
        return value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
    }

    /// <summary>Throws 412 when the client's If-Match does not equal the current ETag.</summary>
    public static void Require(string? ifMatch, string current, string id)
    {
        if (ifMatch is not null && !string.Equals(Normalize(ifMatch), current, StringComparison.Ordinal))
        {
            throw Problems.StaleETag(id);
        }
    }

    private static string Normalize(string tag) => tag.StartsWith('"') ? tag : $"\"{tag}\"";
}
