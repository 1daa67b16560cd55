using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProjectRegistry.Web.Data.Engines;

/// <summary>
/// PostgreSQL text cannot hold the NUL character (U+0000): a parameter with one fails the whole command, and a
/// visitor's <c>?q=%00</c> or a pasted form field would become a 500 where SQLite simply stored or found nothing.
/// NUL is never meaningful in the registry's text, so on PostgreSQL it is dropped from every string parameter.
/// </summary>
public sealed class NulFreeParameters : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    private static void Clean(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            switch (parameter.Value)
            {
                case string text when text.Contains('\0', StringComparison.Ordinal):
                    parameter.Value = text.Replace("\0", "", StringComparison.Ordinal);
                    break;
                case string[] texts when texts.Any(t => t?.Contains('\0', StringComparison.Ordinal) == true):
                    parameter.Value = texts.Select(t => t?.Replace("\0", "", StringComparison.Ordinal)).ToArray();
                    break;
                case List<string> list when list.Any(t => t?.Contains('\0', StringComparison.Ordinal) == true):
                    parameter.Value = list.Select(t => t?.Replace("\0", "", StringComparison.Ordinal)).ToList();
                    break;
            }
        }
    }
}
