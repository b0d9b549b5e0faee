using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Daft.Coordinator.Tests.Support;

/// <summary>
/// Something a test needs from the machine (a PostgreSQL install…), on a test class or method. A
/// <see cref="RequirementFactAttribute"/> test whose class or method carries one that is missing is reported as
/// skipped with <see cref="MissingReason"/>, which says how to install it, instead of failing.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public abstract class TestRequirementAttribute : Attribute
{
    /// <summary>Why the requirement is not met here, or null when it is.</summary>
    public abstract string? MissingReason { get; }
}

/// <summary>The test starts its own PostgreSQL server (<see cref="PostgresServer"/>), so it needs the binaries.</summary>
public sealed class RequiresPostgresAttribute : TestRequirementAttribute
{
    public override string? MissingReason => PostgresServer.MissingReason;
}

/// <summary>
/// A [Fact] that honours <see cref="TestRequirementAttribute"/>s. xunit 2 has no run-time skip (Assert.Skip is v3's),
/// and a [Fact] in an abstract contract class cannot know at compile time which backend subclass runs it; the
/// discoverer below looks at the concrete class each test case is discovered for.
/// </summary>
[XunitTestCaseDiscoverer("Daft.Coordinator.Tests.Support.RequirementFactDiscoverer", "Daft.Coordinator.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequirementFactAttribute : FactAttribute;

/// <summary>Discovers a <see cref="RequirementFactAttribute"/> test as skipped when a requirement of its class or method is missing.</summary>
public sealed class RequirementFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var requirements = testMethod.TestClass.Class.ToRuntimeType().GetCustomAttributes<TestRequirementAttribute>(inherit: true)
            .Concat(testMethod.Method.ToRuntimeMethod().GetCustomAttributes<TestRequirementAttribute>(inherit: true));
        var missing = requirements.Select(requirement => requirement.MissingReason).FirstOrDefault(reason => reason is not null);
        return missing is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, missing);
    }
}
