//! The 2×3 affine matrices of PDF's graphics model (ISO 32000-1, 8.3.3).

/// `[a b c d e f]`, applied to row vectors: `(x, y) · M`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Matrix([f32; 6]);

impl Matrix {
    pub const IDENTITY: Self = Self([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn new(values: [f32; 6]) -> Self {
        Self(values)
    }

    pub fn translate(tx: f32, ty: f32) -> Self {
        Self([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// `self` applied first, then `then` — PDF writes this as `self × then`,
    /// e.g. a glyph's device position is `Tm × CTM`.
    pub fn then(self, then: Self) -> Self {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Self([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    /// How long a unit vertical step becomes: the device size of one unit of
    /// font size, independent of horizontal scaling.
    pub fn vertical_scale(self) -> f32 {
        let [_, _, c, d, _, _] = self.0;
        c.hypot(d)
    }
}

#[cfg(test)]
mod tests {
    use super::Matrix;

    #[test]
    fn then_applies_left_operand_first() {
        let scale = Matrix::new([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix::translate(10.0, 0.0);
        assert_eq!(scale.then(shift).apply(1.0, 1.0), (12.0, 2.0));
        assert_eq!(shift.then(scale).apply(1.0, 1.0), (22.0, 2.0));
    }

    #[test]
    fn flipped_page_transform_keeps_unit_scale() {
        // krilla's page transform and text matrix both flip y.
        let flip = Matrix::new([1.0, 0.0, 0.0, -1.0, 0.0, 595.0]);
        let text = Matrix::new([1.0, 0.0, 0.0, -1.0, 50.0, 100.0]);
        let device = text.then(flip);
        assert_eq!(device.apply(0.0, 0.0), (50.0, 495.0));
        assert_eq!(device.vertical_scale(), 1.0);
    }
}
