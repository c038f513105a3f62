using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaraPlatform.Infrastructure.Persistence;

/// <summary>
/// Work on a <see cref="CaraDbContext"/>'s changes just before they are saved, the same whether the save is
/// synchronous or not: the work only reads and adds to the change tracker, so it need not wait for anything.
/// </summary>
public abstract class BeforeSaveInterceptor : SaveChangesInterceptor
{
    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is CaraDbContext db) BeforeSave(db);
        return result;
    }

    public sealed override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CaraDbContext db) BeforeSave(db);
        return ValueTask.FromResult(result);
    }

    protected abstract void BeforeSave(CaraDbContext db);
}
