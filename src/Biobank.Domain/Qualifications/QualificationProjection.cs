namespace Biobank.Domain.Qualifications;

public sealed class QualificationProjection() : FoldProjection<Qualification>(typeof(QualificationGranted), typeof(QualificationRevoked));
