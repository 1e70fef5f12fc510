using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace ItsmChatOps.Api.Common;

/// <summary>
/// Checks the data annotations of request bodies (required fields, lengths, list sizes) and answers
/// 422 with every failing field named, before the handler runs, so nothing is written.
/// </summary>
public static class Validation
{
    public static RouteHandlerBuilder Validated<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var body = context.Arguments.OfType<T>().FirstOrDefault();
            if (body is null)
            {
                throw Problems.BadRequest("A JSON body is required.");
            }

            Check(body);
            return await next(context);
        }).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>Validates an object and its nested objects; throws a 422 problem listing every failure.</summary>
    public static void Check(object body, params string[] requirements)
    {
        var errors = new Dictionary<string, string[]>();
        Collect(body, prefix: "", errors);
        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, requirements);
        }
    }

    private static void Collect(object value, string prefix, Dictionary<string, string[]> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                var key = prefix + JsonNamingPolicy.CamelCase.ConvertName(member);
                errors[key] = [.. errors.GetValueOrDefault(key, []), Reword(result.ErrorMessage, member, key)];
            }
        }

        foreach (var property in value.GetType().GetProperties())
        {
            var nested = property.GetValue(value);
            if (nested is not null && property.PropertyType.IsClass && property.PropertyType != typeof(string)
                && property.PropertyType.Namespace?.StartsWith("ItsmChatOps", StringComparison.Ordinal) == true)
            {
                Collect(nested, prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Name) + ".", errors);
            }
        }
    }

    // Messages name the JSON field the client sent, not the C# property.
    private static string Reword(string? message, string member, string key) =>
        (message ?? "is invalid").Replace($"The {member} field", $"'{key}'", StringComparison.Ordinal)
            .Replace($"The field {member}", $"'{key}'", StringComparison.Ordinal);
}
