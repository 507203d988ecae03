namespace ClusterSync.Core.Matching;

/// <summary>Creates resolvers with the configured matching settings.</summary>
public interface IEntityResolverFactory
{
    IEntityResolver Create();
}
