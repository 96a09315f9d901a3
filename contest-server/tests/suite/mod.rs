//! The API suite, written once and run against each database.

pub mod flow;
pub mod forged;
pub mod privacy;
pub mod transport;

/// One `#[tokio::test]` per suite case for the backend `$db`.
#[macro_export]
macro_rules! suite {
    ($db:expr) => {
        $crate::suite!(@cases $db;
            suite::flow::a_full_attempt_is_scored_on_the_server,
            suite::flow::no_key_explanation_or_source_before_submitting,
            suite::flow::results_rank_cities_and_mask_names,
            suite::forged::registration_rejects_bad_fields,
            suite::forged::forged_and_late_requests_are_refused,
            suite::forged::opening_hours_and_routes,
            suite::transport::rate_limits_per_token_and_address,
            suite::transport::cors_admits_only_the_portal_origin,
            suite::transport::a_trickled_body_times_out,
            suite::privacy::personal_data_is_erased_after_retention,
            suite::privacy::export_is_excel_ready_csv,
            suite::privacy::expired_attempts_are_scored_by_the_sweep,
            suite::privacy::concurrent_answers_and_submit_agree,
        );
    };
    (@cases $db:expr; $($path:ident :: $module:ident :: $case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                $path::$module::$case($db).await;
            }
        )*
    };
}
