using FluentValidation.Results;

namespace SipasSurvey.Web;

internal static class EndpointErrors
{
    /// <summary>Adds field problems so problem details list them by field name ("errors": [{ "name", "reason" }]).</summary>
    public static void AddErrors(this IValidationErrors endpoint, IEnumerable<KeyValuePair<string, string>> errors)
    {
        foreach (var (field, message) in errors) endpoint.AddError(new ValidationFailure(field, message));
    }

    /// <summary>A Validator's failures keyed like the JSON and form fields ("communeCode"), the first message per field.</summary>
    public static FieldErrors ToFieldErrors(this IEnumerable<ValidationFailure> failures)
    {
        var errors = new FieldErrors();
        foreach (var failure in failures)
            errors.TryAdd(failure.PropertyName.Length == 0 ? "" : char.ToLowerInvariant(failure.PropertyName[0]) + failure.PropertyName[1..], failure.ErrorMessage);
        return errors;
    }

    /// <summary>The same problems but for one field, which the caller has no say in.</summary>
    public static FieldErrors Without(this FieldErrors errors, string field)
    {
        errors.Remove(field);
        return errors;
    }

    /// <summary>Both sets of problems together, so a person sees every field at once; the first message per field wins.</summary>
    public static FieldErrors With(this FieldErrors errors, FieldErrors more)
    {
        foreach (var (field, message) in more) errors.TryAdd(field, message);
        return errors;
    }
}
