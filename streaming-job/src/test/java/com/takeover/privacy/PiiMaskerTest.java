package com.takeover.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerTest {
    private final PiiMasker masker = new PiiMasker();

    @Test
    void masksEmailAddresses() {
        assertThat(masker.mask("reach me at jane.doe+shop@example.co.uk or J_D@mail.example.com."))
                .isEqualTo("reach me at [email] or [email].");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "call me on +44 7700 900123 please|call me on [phone] please",
        "my number is +1 (555) 123-4567|my number is [phone]",
        "+4915112345678|[phone]",
        "0049 30 1234567 is my office|[phone] is my office",
        "phone: 555-123-4567|phone: [phone]",
        "(555) 123 4567 after 5pm|[phone] after 5pm",
        "ring 07700 900123|ring [phone]",
        "my mobile 07700900123|my mobile [phone]",
        "tel 030 1234567|tel [phone]",
        "call 5551234567 tomorrow|call [phone] tomorrow",
        "office 030/1234567|office [phone]",
        "Durchwahl 030 / 123 4567 bitte|Durchwahl [phone] bitte",
        "text me at 555.123.4567.|text me at [phone].",
        "appelez le 01.23.45.67.89 merci|appelez le [phone] merci",
        "call me on 0171.1234567|call me on [phone]",
        "Account: +44 20 7946 0958|Account: [phone]",
        "customer +49 151 12345678 here|customer [phone] here",
    })
    void masksPhoneNumbers(String text, String expected) {
        assertThat(masker.mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "my order 5519023 hasn't arrived",
        "order #48213 and order #4821399",
        "Order number: 123-456-7890",
        "ticket no. 555-1234",
        "tracking 1234567890123",
        "I paid 1299 dollars on 2024-03-15",
        "invoice 2024-000123",
        "it happened on 15-03-2024",
        "reference: 0123456789",
        "my customer id is 88812345",
        "it costs 12345678",
        "it happened on 15.03.2024",
        "delivered 3/15/2024 at noon",
        "the 2024.03.15 invoice",
        "tax year 2023/2024 and 2023 - 2024",
        "it cost 1.299.000 rupiah",
        "pi is 3.14159265",
        "order 030/1234567 is late",
    })
    void leavesOrderNumbersAndOtherNumbersAlone(String text) {
        assertThat(masker.mask(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "card 4111 1111 1111 1111 exp 12/27|card [card] exp 12/27",
        "4111-1111-1111-1111|[card]",
        "my card 4242424242424242 was declined|my card [card] was declined",
        "amex 3782 822463 10005|amex [card]",
        "5555 5555 5555 4444.|[card].",
    })
    void masksLuhnValidCardNumbers(String text, String expected) {
        assertThat(masker.mask(text)).isEqualTo(expected);
    }

    @Test
    void leavesLuhnInvalidSixteenDigitNumbersAlone() {
        assertThat(PiiMasker.luhnValid("4111111111111112")).isFalse();
        assertThat(masker.mask("ref 4111 1111 1111 1112")).isEqualTo("ref 4111 1111 1111 1112");
        assertThat(masker.mask("4111111111111112")).isEqualTo("4111111111111112");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pay to DE89 3704 0044 0532 0130 00 please|pay to [iban] please",
        "IBAN: DE89370400440532013000|IBAN: [iban]",
        "GB29 NWBK 6016 1331 9268 19, thanks|[iban], thanks",
        "gb29nwbk60161331926819|[iban]",
        "FR14 2004 1010 0505 0001 3M02 606 is mine|[iban] is mine",
        "NL91ABNA0417164300|[iban]",
    })
    void masksValidIbans(String text, String expected) {
        assertThat(masker.mask(text)).isEqualTo(expected);
    }

    @Test
    void leavesIbanWithWrongCheckDigitsAlone() {
        assertThat(PiiMasker.ibanChecksumValid("DE89370400440532013000")).isTrue();
        assertThat(PiiMasker.ibanChecksumValid("DE88370400440532013000")).isFalse();
        assertThat(masker.mask("DE88 3704 0044 0532 0130 00")).doesNotContain("[iban]");
        assertThat(masker.mask("GB28 NWBK 6016 1331 9268 19")).isEqualTo("GB28 NWBK 6016 1331 9268 19");
    }

    @Test
    void masksEveryKindInOneMessage() {
        assertThat(masker.mask("I'm jane@example.com, +33 6 12 34 56 78, card 4242 4242 4242 4242, "
                        + "IBAN FR76 3000 6000 0112 3456 7890 189, order 5519023"))
                .isEqualTo("I'm [email], [phone], card [card], IBAN [iban], order 5519023");
    }

    @Test
    void nullSafeAndUntouchedWithoutPii() {
        assertThat(masker.mask(null)).isNull();
        assertThat(masker.mask("")).isEmpty();
        String plain = "still waiting for my refund, third time I ask!";
        assertThat(masker.mask(plain)).isSameAs(plain);
    }
}
