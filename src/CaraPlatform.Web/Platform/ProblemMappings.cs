namespace CaraPlatform.Web.Platform;

/// <summary>How one kind of exception a feature throws is answered; features register theirs in their AddX.</summary>
public interface IProblemMapping
{
    /// <summary>The problem for <paramref name="exception"/>, or null when it is not this mapping's kind.</summary>
    ProblemDetails? Map(Exception exception);
}

public static class ProblemMappings
{
    /// <summary>Answers <typeparamref name="TException"/> with the problem <paramref name="map"/> makes of it.</summary>
    public static IServiceCollection AddProblemMapping<TException>(this IServiceCollection services, Func<TException, ProblemDetails> map)
        where TException : Exception =>
        services.AddSingleton<IProblemMapping>(new Mapping<TException>(map));

    private sealed class Mapping<TException>(Func<TException, ProblemDetails> map) : IProblemMapping
        where TException : Exception
    {
        public ProblemDetails? Map(Exception exception) => exception is TException known ? map(known) : null;
    }
}
