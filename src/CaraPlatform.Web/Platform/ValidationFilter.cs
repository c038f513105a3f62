using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace CaraPlatform.Web.Platform;

/// <summary>Runs the FluentValidation validator of an endpoint's request and answers 400 with the fields at fault.</summary>
public sealed class ValidationFilter<TRequest>(IValidator<TRequest> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (request is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A request body is required."] });
        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        return result.IsValid ? await next(context) : TypedResults.ValidationProblem(result.ToDictionary());
    }
}

public static class ValidationFilter
{
    public static RouteHandlerBuilder Validates<TRequest>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<TRequest>>().ProducesValidationProblem();

    /// <summary>Error keys name fields as they are written in JSON.</summary>
    public static string? CamelCasePropertyName(Type type, MemberInfo? member, LambdaExpression? expression) =>
        member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
}

/// <summary>
/// A validator of a part of a request, built by its parent's validator with what it needs (the tenant, today);
/// never resolved from the container.
/// </summary>
public interface IPartValidator;
