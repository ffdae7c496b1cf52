//! How checkout writes an address's city and postal code: in the order of
//! the address's country, not one order for all.

use upgrade_center::domain::contact::place_lines;

#[test]
fn the_city_and_postal_code_follow_the_country() {
    assert_eq!(place_lines("US", "Seattle", "98101"), ["Seattle 98101"]);
    assert_eq!(place_lines("IN", "Bengaluru", "560001"), ["Bengaluru 560001"]);
    assert_eq!(place_lines("CN", "Beijing", "100005"), ["Beijing 100005"]);
    assert_eq!(place_lines("SE", "Stockholm", "111 51"), ["111 51 Stockholm"]);
    assert_eq!(place_lines("IT", "Milano", "20123"), ["20123 Milano"]);
    assert_eq!(place_lines("DE", "Berlin", "10115"), ["10115 Berlin"]);
    // The United Kingdom puts the postcode on a line of its own.
    assert_eq!(place_lines("GB", "London", "SW1A 1AA"), ["London", "SW1A 1AA"]);
}

#[test]
fn a_code_in_lower_case_or_with_spaces_is_read_as_written_and_a_missing_part_leaves_no_gap() {
    assert_eq!(place_lines(" us ", " Seattle ", "98101 "), ["Seattle 98101"]);
    assert_eq!(place_lines("se", "Stockholm", ""), ["Stockholm"]);
    assert_eq!(place_lines("SE", "", "111 51"), ["111 51"]);
    assert!(place_lines("SE", " ", "").is_empty());
}
