//! The agency year's synthetic input and whole path, shared by the `agency` bench and the
//! `perf_figures` example (included by `#[path]`): 63 units × 100 leaves × 2 years, a
//! 10 × 10 framework of 1-point leaves, 12 agencies at mixed levels.

use parindex::agency::{accountability, appraisal, Assignments, Units};
use parindex::framework::CsvFrameworkOptions;
use parindex::Framework;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::fmt::Write;
use std::sync::Arc;

pub const UNITS: usize = 63;

pub fn inputs() -> (Arc<Framework>, String, String) {
    let mut fw = String::from("STT,Tiêu chí,Điểm tối đa,Phương thức,Cách tính điểm\n");
    for f in 1..=10 {
        writeln!(fw, "{f},Lĩnh vực {f},10,,").unwrap();
        for l in 1..=10 {
            writeln!(fw, "{f}.{l},Tiêu chí {f}.{l},1,thẩm định,proportional: 100").unwrap();
        }
    }
    fw.push_str("Tổng,Tổng cộng,100,,\n");
    let options = CsvFrameworkOptions { id: "bench".into(), ..CsvFrameworkOptions::default() };
    let fw = Arc::new(Framework::from_csv(&fw, "bench.csv", &options).unwrap());
    // 10 agencies lead the fields; 2 more take over some leaves.
    let mut annex = String::from("STT,Nội dung,Cơ quan chủ trì,Cơ quan phối hợp\n");
    for f in 1..=10 {
        writeln!(annex, "{f},Lĩnh vực {f},Cơ quan {f},Cơ quan {}", f % 10 + 1).unwrap();
        writeln!(annex, "{f}.{},Tiêu chí,Cơ quan {},", f, 11 + f % 2).unwrap();
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
    let mut long = String::from("year,unit,code,points,self_assessed,appraised,evidence\n");
    for year in [2023, 2024] {
        for u in 0..UNITS {
            for f in 1..=10 {
                for l in 1..=10 {
                    let appraised = rng.random_range(50..=100u32);
                    let claimed = (appraised + rng.random_range(0..=10u32)).min(100);
                    let evidence = if rng.random_range(0..5u32) == 0 { "" } else { "12/BC-UBND" };
                    writeln!(
                        long,
                        "{year},Đơn vị {u:02},{f}.{l},{}.{:02},{}.{:02},{}.{:02},{evidence}",
                        appraised / 100,
                        appraised % 100,
                        claimed / 100,
                        claimed % 100,
                        appraised / 100,
                        appraised % 100
                    )
                    .unwrap();
                }
            }
        }
    }
    (fw, annex, long)
}

pub fn whole_path(fw: &Arc<Framework>, annex: &str, long: &str) -> usize {
    let assignments = Assignments::from_csv(annex, "annex.csv", Arc::clone(fw)).unwrap();
    let before = Units::from_csv(long, "long.csv", Arc::clone(fw), Some(2023)).unwrap();
    let now = Units::from_csv(long, "long.csv", Arc::clone(fw), Some(2024)).unwrap();
    let table = now.league_table().unwrap();
    let mut rows = 0;
    for card in now.cards() {
        let a = accountability(card, &assignments, Some(&table), before.get(card.province()), None).unwrap();
        let b = appraisal(card, Some(&assignments), Some(&table)).unwrap();
        rows += a.rows.len() + b.nodes.len();
    }
    rows
}
