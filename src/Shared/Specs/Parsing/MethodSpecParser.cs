namespace Daft.Shared.Specs.Parsing;

/// <summary>Reads the <c>method:</c> mapping into the record its <c>name</c> selects, with that method's defaults.</summary>
internal sealed class MethodSpecParser(JobSpecParser job, MappingReader method)
{
    public MethodSpec? Parse()
    {
        method.Require(MethodKeys.Name, $"one of {string.Join(", ", MethodSpec.Names)}");
        var name = method.Choice(MethodKeys.Name, MethodSpec.Names, "method");
        var label = name is null ? "allowed method keys" : $"allowed keys for method {name}";
        method.RejectOtherKeys(MethodKeys.For(name), label, key => ExplainMethodKey(name, key));

        return name switch
        {
            LinearProbeSpec.MethodName => ReadProbe(),
            FineTuneSpec.MethodName => ReadFineTune(),
            LpFtSpec.MethodName => ReadLpFt(),
            DaftSpec.MethodName => ReadDaft(),
            DannSpec.MethodName => ReadDann(),
            _ => CheckValuesOnly(),
        };
    }

    // Without a valid name there is no record to build, but wrong values are still worth reporting now.
    private MethodSpec? CheckValuesOnly()
    {
        method.Double(MethodKeys.Lr, NumberRange.Positive);
        method.Double(MethodKeys.HeadLr, NumberRange.Positive);
        method.Bool(MethodKeys.ConvertBn);
        method.Int(MethodKeys.DomainHidden, minimum: 1);
        ReadForward();
        ReadBnMode();
        job.ReadPath(method, MethodKeys.LpHead);
        ReadProbe();
        return null;
    }

    private FineTuneSpec? ReadFineTune()
    {
        var lr = ReadLr();
        var bnMode = ReadBnMode() ?? BnMode.Train;
        return lr is null ? null : new FineTuneSpec(lr.Value, bnMode);
    }

    private LpFtSpec? ReadLpFt()
    {
        var lr = ReadLr();
        var bnMode = ReadBnMode() ?? BnMode.Eval;
        var lpHead = job.ReadPath(method, MethodKeys.LpHead);
        var probe = ReadProbe();
        return lr is null || probe is null ? null : new LpFtSpec(lr.Value, bnMode, lpHead, probe);
    }

    private DaftSpec? ReadDaft()
    {
        var lr = ReadLr();
        var headLr = method.Double(MethodKeys.HeadLr, NumberRange.Positive) ?? JobDefaults.HeadLr;
        var convertBn = method.Bool(MethodKeys.ConvertBn) ?? JobDefaults.ConvertBn;
        var bnMode = ReadBnMode() ?? BnMode.Train;
        return lr is null ? null : new DaftSpec(lr.Value, headLr, convertBn, bnMode);
    }

    private DannSpec? ReadDann()
    {
        var lr = ReadLr();
        var hidden = method.Int(MethodKeys.DomainHidden, minimum: 1) ?? DannSpec.DefaultDomainHidden;
        var bnMode = ReadBnMode() ?? BnMode.Train;
        var forward = ReadForward() ?? DannForward.Joint;
        return lr is null ? null : new DannSpec(lr.Value, hidden, bnMode, forward);
    }

    private DannForward? ReadForward() =>
        method.Choice(MethodKeys.Forward, DannSpec.ForwardNames, "forward") is { } name ? (DannForward)DannSpec.ForwardNames.ToList().IndexOf(name) : null;

    private LinearProbeSpec? ReadProbe()
    {
        var cStart = method.Double(MethodKeys.CStart, NumberRange.Any) ?? JobDefaults.CStart;
        var cEnd = method.Double(MethodKeys.CEnd, NumberRange.Any) ?? JobDefaults.CEnd;
        var cNum = method.Int(MethodKeys.CNum, minimum: 1) ?? JobDefaults.CNum;
        var maxIter = method.Int(MethodKeys.MaxIter, minimum: 1) ?? JobDefaults.MaxIter;
        return new LinearProbeSpec(cStart, cEnd, cNum, maxIter);
    }

    private double? ReadLr()
    {
        method.Require(MethodKeys.Lr, "the learning rate, a number greater than 0");
        return method.Double(MethodKeys.Lr, NumberRange.Positive);
    }

    private BnMode? ReadBnMode() =>
        method.Choice(MethodKeys.BnMode, ["train", "eval"], "bn_mode") switch
        {
            "train" => BnMode.Train,
            "eval" => BnMode.Eval,
            _ => null,
        };

    private static string? ExplainMethodKey(string? name, string key)
    {
        if (JobKeys.TopLevel.Contains(key))
        {
            return $"`{key}` is a top-level key: move it out of `method:`";
        }

        if (name is null)
        {
            return null;
        }

        var owners = MethodKeys.MethodsWith(key).ToList();
        return owners.Count == 0 ? null : $"`{key}` does not apply to method {name} (only to {string.Join(", ", owners)})";
    }
}
