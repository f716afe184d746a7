using System.Reflection;
using Biobank.Domain.Failures;
using Biobank.Server.Errors;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace Biobank.Server.Api;

/// <summary>
/// Binds each gRPC service's methods as grpc-dotnet's own provider does (the generated
/// <c>BindService</c>, one handler per overridden method), with one difference: a request that is
/// not a valid message of the contract (a string that is not UTF-8, a truncated field) fails as
/// INVALID_ARGUMENT, reason INVALID_FIELDS, instead of as a fault of the handler. The message is
/// read before any interceptor runs, so only its marshaller can say so.
/// </summary>
public sealed class ContractMethodProvider<TService> : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var serviceBase = typeof(TService);
        while (serviceBase is not null && serviceBase.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is null)
        {
            serviceBase = serviceBase.BaseType;
        }

        if (serviceBase?.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } binding)
        {
            return;
        }

        var bind = binding.BindType.GetMethod(binding.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), serviceBase])
            ?? throw new InvalidOperationException($"{binding.BindType} has no {binding.BindMethodName}({serviceBase.Name}).");
        bind.Invoke(null, [new Binder(context, serviceBase), null]);
    }

    /// <summary>Adds each method the generated code binds, with a marshaller that reports malformed requests.</summary>
    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type serviceBase) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Checked(method), Metadata(method.Name, out var handlerMethod, typeof(TRequest), typeof(ServerCallContext)),
                handlerMethod.CreateDelegate<UnaryServerMethod<TService, TRequest, TResponse>>());

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(
                Checked(method), Metadata(method.Name, out var handlerMethod, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)),
                handlerMethod.CreateDelegate<ServerStreamingServerMethod<TService, TRequest, TResponse>>());

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(
                Checked(method), Metadata(method.Name, out var handlerMethod, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)),
                handlerMethod.CreateDelegate<ClientStreamingServerMethod<TService, TRequest, TResponse>>());

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(
                Checked(method),
                Metadata(method.Name, out var handlerMethod, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)),
                handlerMethod.CreateDelegate<DuplexStreamingServerMethod<TService, TRequest, TResponse>>());

        private static Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class
            where TResponse : class
        {
            var read = method.RequestMarshaller.ContextualDeserializer;
            return new Method<TRequest, TResponse>(
                method.Type, method.ServiceName, method.Name,
                Marshallers.Create(method.RequestMarshaller.ContextualSerializer, message =>
                {
                    try
                    {
                        return read(message);
                    }
                    catch (InvalidProtocolBufferException)
                    {
                        throw RpcErrors.From(new InvalidRequestException(
                            "", "is not a valid message of the contract (a string that is not UTF-8, or a malformed field)")).ToRpcException();
                    }
                }),
                method.ResponseMarshaller);
        }

        /// <summary>The overriding handler of <paramref name="name"/> and its endpoint metadata, as grpc-dotnet gives them.</summary>
        private List<object> Metadata(string name, out MethodInfo handlerMethod, params Type[] parameters)
        {
            handlerMethod = typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters) is { IsVirtual: true } found
                && found.GetBaseDefinition().DeclaringType == serviceBase
                ? found
                : throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            List<object> metadata = [.. typeof(TService).GetCustomAttributes(inherit: true), .. handlerMethod.GetCustomAttributes(inherit: true)];

            // As grpc-dotnet does: a CORS preflight reaches the CORS middleware, not a 405.
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return metadata;
        }
    }
}
