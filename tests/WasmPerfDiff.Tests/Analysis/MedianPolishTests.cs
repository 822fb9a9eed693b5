using WasmPerfDiff.Analysis;

namespace WasmPerfDiff.Tests.Analysis;

public class MedianPolishTests
{
    [Fact]
    public void A_missing_cell_is_left_out_of_the_medians_and_stays_missing()
    {
        // An additive table (overall 10, rows -1 0 1, columns -2 0 2 5) recovers its effects exactly with a cell missing.
        double[] row = [-1, 0, 1], col = [-2, 0, 2, 5];
        var table = new double[12];
        for (var i = 0; i < 3; i++) for (var j = 0; j < 4; j++) table[i * 4 + j] = 10 + row[i] + col[j];
        table[1 * 4 + 3] = double.NaN;

        var fit = MedianPolish.Fit(table, 3, 4);

        Assert.True(double.IsNaN(fit.Residual[1 * 4 + 3]));
        for (var i = 0; i < 3; i++) for (var j = 0; j < 4; j++)
            if (i * 4 + j != 1 * 4 + 3) Assert.Equal(table[i * 4 + j], fit.Overall + fit.Row[i] + fit.Column[j], 9);
    }

    [Fact]
    public void Hand_worked_table_gives_the_hand_worked_effects()
    {
        //        c1 c2 c3
        //   r1    1  2  3
        //   r2    4  5  9
        //   r3    7  8  6
        // Sweep 1, rows: medians 2, 5, 7 → rows (-1 0 1), (-1 0 4), (0 1 -1); row effects 2, 5, 7.
        //          columns: medians -1, 0, 1 → (0 0 0), (0 0 3), (1 1 -2); column effects -1, 0, 1;
        //          overall takes the median row effect 5 → row effects -3, 0, 2.  Σ|res| = 7.
        // Sweep 2, rows: medians 0, 0, 1 → row 3 becomes (0 0 -3), row effects -3, 0, 3; columns: medians 0.
        //          Σ|res| = 6.
        // Sweep 3: nothing moves, Σ|res| = 6 again → converged after 3 sweeps.
        // Answer: overall 5, rows -3 0 3, columns -1 0 1, residuals 0 except r2c3 = +3 and r3c3 = -3.
        double[] table = [1, 2, 3, 4, 5, 9, 7, 8, 6];

        var fit = MedianPolish.Fit(table, 3, 3);

        Assert.Equal(5, fit.Overall, 12);
        Assert.Equal([-3.0, 0, 3], fit.Row);
        Assert.Equal([-1.0, 0, 1], fit.Column);
        Assert.Equal([0.0, 0, 0, 0, 0, 3, 0, 0, -3], fit.Residual);
        Assert.Equal(3, fit.Iterations);
    }

    [Fact]
    public void Effects_plus_residuals_rebuild_any_table()
    {
        var rng = new SplitMix64(42);
        const int rows = 40, cols = 7;
        var table = new double[rows * cols];
        for (var i = 0; i < table.Length; i++) table[i] = 10 * rng.NextDouble();

        var fit = MedianPolish.Fit(table, rows, cols);

        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
            Assert.Equal(table[i * cols + j], fit.Overall + fit.Row[i] + fit.Column[j] + fit.Residual[i * cols + j], 9);
    }

    [Fact]
    public void A_single_extreme_cell_stays_in_its_residual()
    {
        // Additive table plus one cell 2.0 too high: a mean-based fit would smear it over its row and column.
        const int rows = 9, cols = 5;
        var table = new double[rows * cols];
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
            table[i * cols + j] = i * 0.5 + j * 0.3;
        table[4 * cols + 2] += 2.0;

        var fit = MedianPolish.Fit(table, rows, cols);

        Assert.Equal(2.0, fit.Residual[4 * cols + 2], 9);
        Assert.All(fit.Residual.Where((_, k) => k != 4 * cols + 2), r => Assert.Equal(0, r, 9));
    }
}
