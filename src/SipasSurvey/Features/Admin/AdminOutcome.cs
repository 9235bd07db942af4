namespace SipasSurvey.Features.Admin;

/// <summary>How an administrative action ends; its JSON and its form endpoint each render this.</summary>
internal abstract record AdminOutcome<T>
{
    public sealed record Done(T Value) : AdminOutcome<T>;

    /// <summary>Field by field, what the database says is wrong (unknown commune, taken username…).</summary>
    public sealed record Invalid(FieldErrors Errors) : AdminOutcome<T>;

    /// <summary>The request is sound but clashes with what exists (a published version in use, another owner's id): 409.</summary>
    public sealed record Conflict(FieldErrors Errors) : AdminOutcome<T>;

    /// <summary>No such object in the caller's province (another province's counts as none).</summary>
    public sealed record NotFound : AdminOutcome<T>;
}

/// <summary>
/// An administrator's JSON endpoint: binds, lets its Validator run, and hands the action both the
/// request and what the Validator found, so problem details list every field at once.
/// </summary>
internal abstract class AdminApiEndpoint<TRequest, TResponse> : Endpoint<TRequest, TResponse> where TRequest : notnull
{
    protected Caller Caller => Caller.From(User)!;

    /// <summary>Call from Configure after the route.</summary>
    protected void AsApi()
    {
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
        DontThrowIfValidationFails();
    }

    protected FieldErrors ValidationErrors() => ValidationFailures.ToFieldErrors();

    /// <summary>The value with <paramref name="status"/>, problem details with errors per field (400), or 404.</summary>
    protected async Task SendOutcomeAsync(AdminOutcome<TResponse> outcome, int status, CancellationToken ct)
    {
        switch (outcome)
        {
            case AdminOutcome<TResponse>.Done done:
                await Send.ResponseAsync(done.Value, status, ct);
                return;
            case AdminOutcome<TResponse>.Invalid invalid:
                this.AddErrors(invalid.Errors);
                ThrowIfAnyErrors();
                return;
            case AdminOutcome<TResponse>.Conflict conflict:
                this.AddErrors(conflict.Errors);
                ThrowIfAnyErrors(409);
                return;
            default:
                await Problems.NotFoundAsync(HttpContext);
                return;
        }
    }
}

/// <summary>
/// An administrator's HTML form: the same request and Validator as the JSON twin, but a failed
/// validation comes back as the page with each message beside its field instead of problem details.
/// </summary>
internal abstract class AdminFormEndpoint<TRequest> : Endpoint<TRequest> where TRequest : notnull
{
    protected Caller Caller => Caller.From(User)!;

    /// <summary>Call from Configure: the form endpoint renders validation failures itself.</summary>
    protected void AsForm(bool fileUpload = false)
    {
        Policies(Web.Identity.Policies.Administer);
        if (fileUpload) AllowFileUploads();
        else AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        DontThrowIfValidationFails();
        Description(b => b.ExcludeFromDescription());
    }

    /// <summary>What the Validator found, keyed like the form's fields.</summary>
    protected FieldErrors ValidationErrors() => ValidationFailures.ToFieldErrors();

    protected Task SendPageAsync(string html, int status, CancellationToken ct) => Send.StringAsync(html, status, StaffPage.ContentType, ct);

    protected Task SendNotFoundAsync() => Problems.NotFoundAsync(HttpContext);
}
