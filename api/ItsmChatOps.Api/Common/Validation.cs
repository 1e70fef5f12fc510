using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace ItsmChatOps.Api.Common;

/// <summary>
/// Checks the data annotations of request bodies (required fields, lengths, list sizes) and answers
/// 422 with every failing field named, before the handler runs, so nothing is written.
/// </summary>
public static partial class Validation
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
            // A message that names the requirement it enforces, e.g. "(SLM-05)", lists it in the problem too.
            var named = errors.Values.SelectMany(m => m).SelectMany(m => RequirementId().Matches(m).Select(x => x.Value));
            throw Problems.Validation(errors, [.. requirements.Concat(named).Distinct()]);
        }
    }

    private static void Collect(object value, string prefix, Dictionary<string, string[]> errors)
    {
        var results = new List<ValidationResult>();
        var context = new ValidationContext(value);
        if (!Validator.TryValidateObject(value, context, results, validateAllProperties: true) && value is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(context)); // object-level rules too, so one answer lists every failure
        }

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

    [System.Text.RegularExpressions.GeneratedRegex("[A-Z]{2,4}-[0-9]{2}")]
    private static partial System.Text.RegularExpressions.Regex RequirementId();

    // Messages name the JSON field the client sent, not the C# property.
    private static string Reword(string? message, string member, string key) =>
        (message ?? "is invalid").Replace($"The {member} field", $"'{key}'", StringComparison.Ordinal)
            .Replace($"The field {member}", $"'{key}'", StringComparison.Ordinal);
}
