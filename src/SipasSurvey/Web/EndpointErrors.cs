using FastEndpoints;
using FluentValidation.Results;

namespace SipasSurvey.Web;

public static class EndpointErrors
{
    /// <summary>Adds field problems so problem details list them by field name ("errors": [{ "name", "reason" }]).</summary>
    public static void AddErrors(this IValidationErrors endpoint, IEnumerable<KeyValuePair<string, string>> errors)
    {
        foreach (var (field, message) in errors) endpoint.AddError(new ValidationFailure(field, message));
    }
}
