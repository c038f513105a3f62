namespace CaraPlatform.Web.Tests.Support;

/// <summary>An endpoint's route template with each parameter (constraints included, e.g. {id:guid}) given a value.</summary>
public static class RouteUrls
{
    public static string Fill(RouteEndpoint endpoint, Func<string, string> valueOf)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.RoutePattern.Parameters.Aggregate(endpoint.RoutePattern.RawText!, (url, parameter) =>
            System.Text.RegularExpressions.Regex.Replace(url, $"\\{{{parameter.Name}(:[^}}]*)?\\}}", valueOf(parameter.Name)));
    }
}
