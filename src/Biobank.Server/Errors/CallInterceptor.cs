using System.Diagnostics;
using Biobank.Domain.Failures;
using Biobank.Server.Api;
using Biobank.Server.Identity;
using Biobank.Server.EventStore;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Npgsql;

namespace Biobank.Server.Errors;

/// <summary>
/// Runs around every Biobank RPC: fills the <see cref="CallContext"/> (caller, correlation id, echoed
/// back in the <c>x-correlation-id</c> response header) and turns every failure into one
/// <c>google.rpc.Status</c>. Unexpected faults become INTERNAL with no exception text, logged with
/// the correlation id the caller is given.
/// </summary>
public sealed partial class CallInterceptor(CallContext call, ILogger<CallInterceptor> logger) : Interceptor
{
    public const string CorrelationHeader = "x-correlation-id";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await EnterAsync(request, context);
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await EnterAsync(request, context);
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    private async Task EnterAsync(object request, ServerCallContext context)
    {
        var given = context.RequestHeaders.GetValue(CorrelationHeader);
        call.CorrelationId = !string.IsNullOrWhiteSpace(given) && given.Length <= 128
            ? given
            : Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        call.Caller = context.GetHttpContext().User.ToCaller();
        call.Method = context.Method;
        Activity.Current?.SetTag("biobank.correlation_id", call.CorrelationId);
        await context.WriteResponseHeadersAsync(new Metadata { { CorrelationHeader, call.CorrelationId } });
        RequestShape.Check((Google.Protobuf.IMessage)request);
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        var status = exception switch
        {
            DomainFailureException failure => RpcErrors.From(failure),
            _ when LostRaces.IsLostRace(exception) => RpcErrors.Status(
                StatusCode.Aborted, ErrorReasons.ConcurrentModification, "A concurrent change won; retry the request."),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => RpcErrors.Status(
                context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
                ErrorReasons.CallEnded, "The call was cancelled or ran past its deadline."),
            _ when IsTransient(exception) => Unavailable(exception),
            _ when IsDataException(exception) => Unstorable(exception),
            _ => Internal(exception),
        };
        return status.ToRpcException();
    }

    /// <summary>A fault of the database connection that a retry may not meet, however deeply Marten wrapped it.</summary>
    private static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// PostgreSQL refused a value (class 22, data exception: a character it cannot store, a number
    /// or time out of its range): the request's fault, though the edge's checks should have caught it.
    /// </summary>
    private static bool IsDataException(Exception exception) =>
        exception.FindPostgresError()?.SqlState.StartsWith("22", StringComparison.Ordinal) == true;

    private Google.Rpc.Status Unstorable(Exception exception)
    {
        LogUnstorable(logger, exception, call.CorrelationId);
        return RpcErrors.From(new InvalidRequestException(
            [new FieldViolation("", "holds a value the store cannot keep (a character or a number out of range)")]));
    }

    private Google.Rpc.Status Unavailable(Exception exception)
    {
        LogUnavailable(logger, exception, call.CorrelationId);
        return RpcErrors.Status(StatusCode.Unavailable, ErrorReasons.StoreUnavailable,
            "The database is unavailable; retry with the same request_id.");
    }

    private Google.Rpc.Status Internal(Exception exception)
    {
        LogFault(logger, exception, call.CorrelationId);
        return RpcErrors.Status(StatusCode.Internal, ErrorReasons.InternalFault,
            $"An unexpected fault occurred; quote correlation id {call.CorrelationId}.",
            new Dictionary<string, string> { ["correlation_id"] = call.CorrelationId ?? "" });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable (correlation {CorrelationId})")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string? correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request value reached the store unchecked (correlation {CorrelationId})")]
    private static partial void LogUnstorable(ILogger logger, Exception exception, string? correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected fault (correlation {CorrelationId})")]
    private static partial void LogFault(ILogger logger, Exception exception, string? correlationId);
}
