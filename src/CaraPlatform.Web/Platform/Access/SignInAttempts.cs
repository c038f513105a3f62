using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace CaraPlatform.Web.Platform.Access;

/// <summary>
/// Password and second-factor attempts on one account, one at a time across every host: each runs in a transaction
/// that first takes a PostgreSQL advisory lock on the account's normalised email and only then reads the account,
/// so that parallel attempts each see the failures counted before them (N wrong answers count N, and the lockout
/// holds against a burst). Every password attempt also costs one hash verification, whether or not the account
/// exists or is locked, so that neither the answer nor its time tells which accounts exist.
/// </summary>
public sealed class SignInAttempts(CaraDbContext db, SignInManager<CaraUser> signIn)
{
    // Checked in place of a real hash when there is none to check; made by the same hasher, so it costs the same.
    private static string? _standInHash;

    public Task<(CaraUser? User, SignInResult Result)> PasswordAsync(string email, string password) =>
        OneAtATimeAsync(email, async () =>
        {
            var users = signIn.UserManager;
            var user = await users.FindByEmailAsync(email);
            // Identity refuses a locked account before checking its password: check the stand-in instead, as for no account.
            if (user is null || await users.IsLockedOutAsync(user))
            {
                var standIn = _standInHash ??= users.PasswordHasher.HashPassword(new CaraUser(), Guid.NewGuid().ToString());
                users.PasswordHasher.VerifyHashedPassword(new CaraUser(), standIn, password);
                return (user, user is null ? SignInResult.Failed : SignInResult.LockedOut);
            }

            return (user, await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true));
        });

    /// <summary>A second-factor <paramref name="attempt"/> for <paramref name="user"/>, who passed the password step.</summary>
    public Task<SignInResult> SecondFactorAsync(CaraUser user, Func<Task<SignInResult>> attempt) =>
        // Every account has an email (Identity is set to require a unique one).
        OneAtATimeAsync(user.Email!, attempt);

    // Not cancelled with the request: a caller who hangs up must not undo the failure their attempt counted.
    private async Task<T> OneAtATimeAsync<T>(string email, Func<Task<T>> attempt)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var key = "sign-in:" + signIn.UserManager.NormalizeEmail(email);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))");
        // An account read before the lock (the two-factor step's, or a signed-in person's) may be stale by now.
        foreach (var account in db.ChangeTracker.Entries<CaraUser>().ToList())
            await account.ReloadAsync();
        var result = await attempt();
        await transaction.CommitAsync();
        return result;
    }
}
