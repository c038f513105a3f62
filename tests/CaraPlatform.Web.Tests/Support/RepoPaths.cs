namespace CaraPlatform.Web.Tests.Support;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Tenants => Path.Combine(Root, "tenants");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaraPlatform.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("CaraPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
