namespace WasmPerfDiff.Analysis;

/// <summary>Fit of a two-way table: value[i,j] = Overall + Row[i] + Column[j] + Residual[i,j].</summary>
public sealed record MedianPolishFit(double Overall, double[] Row, double[] Column, double[] Residual, int Iterations);

/// <summary>
/// Tukey's median polish (Tukey 1977, "Exploratory Data Analysis", ch. 11; same sweep order as R's
/// <c>stats::medpolish</c>): alternately subtract row medians and column medians from the table until the
/// sum of absolute residuals stops changing. Robust: a few extreme cells (the anomalies we look for) do not
/// move the row/column effects, so they stay visible in the residuals.
/// </summary>
public static class MedianPolish
{
    /// <summary>
    /// Upper bound of sweeps. Median polish usually settles in 2–4 sweeps; R's default is 10. The cap only
    /// guards against the rare tables where it oscillates between two nearly equal fits.
    /// </summary>
    public const int MaxIterations = 20;

    /// <summary>
    /// Stop when the sum of |residuals| changes by less than this fraction of itself (R uses 0.01; smaller
    /// here because the residuals are log time ratios and we report them to 3 digits).
    /// </summary>
    public const double RelativeTolerance = 1e-6;

    /// <summary>Fits a rows × cols table stored row-major in <paramref name="values"/> (not modified). A missing cell
    /// is NaN: every median is taken over the cells present, and its residual stays NaN (the construct fingerprint has
    /// cells a runtime cannot run; the analysis's tables are complete).</summary>
    public static MedianPolishFit Fit(ReadOnlySpan<double> values, int rows, int cols)
    {
        if (values.Length != rows * cols) throw new ArgumentException("table size does not match rows × cols");
        var z = values.ToArray();
        var rowEffect = new double[rows];
        var colEffect = new double[cols];
        double overall = 0;
        var scratch = new double[Math.Max(rows, cols)];
        double oldSum = 0;
        var iterations = 0;
        for (var iter = 1; iter <= MaxIterations; iter++)
        {
            iterations = iter;
            // Row sweep: remove each row's median into the row effect.
            Parallel.For(0, rows, new ParallelOptions { MaxDegreeOfParallelism = rows >= 4096 ? -1 : 1 }, () => new double[cols],
                (i, _, rowScratch) =>
                {
                    var row = z.AsSpan(i * cols, cols);
                    var present = Present(row, rowScratch);
                    if (present == 0) return rowScratch;
                    var m = RobustStats.Median(rowScratch.AsSpan(0, present));
                    for (var j = 0; j < cols; j++) row[j] -= m;
                    rowEffect[i] += m;
                    return rowScratch;
                }, _ => { });
            colEffect.CopyTo(scratch, 0);
            var delta = RobustStats.Median(scratch.AsSpan(0, cols));
            for (var j = 0; j < cols; j++) colEffect[j] -= delta;
            overall += delta;

            // Column sweep.
            var column = new double[rows];
            for (var j = 0; j < cols; j++)
            {
                var present = 0;
                for (var i = 0; i < rows; i++)
                    if (!double.IsNaN(z[i * cols + j])) column[present++] = z[i * cols + j];
                if (present == 0) continue;
                var m = RobustStats.Median(column.AsSpan(0, present));
                for (var i = 0; i < rows; i++) z[i * cols + j] -= m;
                colEffect[j] += m;
            }
            rowEffect.CopyTo(scratch, 0);
            delta = RobustStats.Median(scratch.AsSpan(0, rows));
            for (var i = 0; i < rows; i++) rowEffect[i] -= delta;
            overall += delta;

            double newSum = 0;
            foreach (var v in z)
                if (!double.IsNaN(v)) newSum += Math.Abs(v);
            var converged = newSum == 0 || Math.Abs(newSum - oldSum) < RelativeTolerance * newSum;
            oldSum = newSum;
            if (converged) break;
        }
        return new MedianPolishFit(overall, rowEffect, colEffect, z, iterations);
    }

    /// <summary>Copies the cells of <paramref name="cells"/> that are present (not NaN) to the front of
    /// <paramref name="into"/>; returns how many.</summary>
    private static int Present(ReadOnlySpan<double> cells, Span<double> into)
    {
        var n = 0;
        foreach (var v in cells)
            if (!double.IsNaN(v)) into[n++] = v;
        return n;
    }
}
