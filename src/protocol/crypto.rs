//! The three KMS block ciphers and the constructions built on them.
//!
//! The rounds themselves come from the `aes` crate's `hazmat` module (AES-NI
//! or its constant-time software fallback). Only the key schedule is written
//! here, because neither the 160-bit-key Rijndael of V4 nor the tweaked V6
//! schedule is offered by any crate. Even the S-box the key schedule needs is
//! taken from `hazmat::cipher_round` rather than typed in (see [`sub_word`]).

use std::sync::LazyLock;

use aes::hazmat::{cipher_round, equiv_inv_cipher_round, inv_mix_columns, mix_columns};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::filetime::FileTime;

/// One 128-bit cipher block.
pub(crate) type Block = [u8; 16];

/// Block size of every KMS cipher, in bytes.
pub const BLOCK_LEN: usize = 16;

/// The V4 key: Rijndael with a 128-bit block and a 160-bit key (11 rounds).
pub(crate) const KEY_V4: [u8; 20] = [
    0x05, 0x3D, 0x83, 0x07, 0xF9, 0xE5, 0xF0, 0x88, 0xEB, 0x5E, 0xA6, 0x68, 0x6C, 0xF0, 0x37, 0xC7,
    0xE4, 0xEF, 0xD2, 0xD6,
];
/// The V5 key (standard AES-128).
pub(crate) const KEY_V5: [u8; 16] = [
    0xCD, 0x7E, 0x79, 0x6F, 0x2A, 0xB2, 0x5D, 0xCB, 0x55, 0xFF, 0xC8, 0xEF, 0x83, 0x64, 0xC4, 0x70,
];
/// The V6 key (AES-128 with the tweaked schedule, see [`KeySchedule::v6`]).
pub(crate) const KEY_V6: [u8; 16] = [
    0xA9, 0x4A, 0x41, 0x95, 0xE2, 0x01, 0x43, 0x2D, 0x9B, 0xCB, 0x46, 0x04, 0x05, 0xD8, 0x4A, 0x21,
];

/// The V6 tweak: (byte offset in the expanded key, value XORed into it).
const V6_TWEAK: [(usize, u8); 3] = [(64, 0x73), (96, 0x09), (128, 0xE4)];

/// Round keys for at most 14 rounds (AES-256 size); KMS needs at most 11.
const MAX_ROUND_KEYS: usize = 15;

/// V6 HMAC time-slot constants (`slot = t / C1 * C2 + C3`, wrapping).
const TIME_SLOT_C1: u64 = 0x0000_0022_8168_89BD;
const TIME_SLOT_C2: u64 = 0x0000_0020_8CBA_B5ED;
const TIME_SLOT_C3: u64 = 0x3156_CD5A_C628_477A;

/// Errors of the block-cipher helpers (only reachable through misuse with
/// lengths that are not whole blocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// CBC input length is not a multiple of the 16-byte block.
    #[error("CBC data of {len} bytes is not a whole number of 16-byte blocks")]
    NotBlockAligned {
        /// The length that was passed.
        len: usize,
    },
    /// A Rijndael key must be 16, 20, 24, 28 or 32 bytes.
    #[error("unsupported Rijndael key length {len} bytes")]
    BadKeyLength {
        /// The length that was passed.
        len: usize,
    },
}

/// An expanded Rijndael key (128-bit block) with its decryption keys.
#[derive(Clone)]
pub struct KeySchedule {
    rounds: usize,
    encrypt_keys: [Block; MAX_ROUND_KEYS],
    /// InvMixColumns of the inner round keys, for the equivalent inverse cipher.
    decrypt_keys: [Block; MAX_ROUND_KEYS],
}

impl std::fmt::Debug for KeySchedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Keys are public protocol constants, but the dump is noise in logs.
        f.debug_struct("KeySchedule")
            .field("rounds", &self.rounds)
            .finish_non_exhaustive()
    }
}

static SCHEDULE_V4: LazyLock<KeySchedule> = LazyLock::new(|| expand_known(&KEY_V4));
static SCHEDULE_V5: LazyLock<KeySchedule> = LazyLock::new(|| expand_known(&KEY_V5));
static SCHEDULE_V6: LazyLock<KeySchedule> = LazyLock::new(|| {
    let mut schedule = expand_known(&KEY_V6);
    schedule.apply_v6_tweak();
    schedule
});

/// Expands one of the fixed protocol keys, whose lengths are valid by construction.
fn expand_known(key: &[u8]) -> KeySchedule {
    match KeySchedule::expand(key) {
        Ok(schedule) => schedule,
        // 16 and 20 bytes are valid Rijndael key lengths, so this arm is dead.
        Err(_) => unreachable!("protocol keys have valid lengths"),
    }
}

impl KeySchedule {
    /// The V4 cipher: 160-bit-key Rijndael, 11 rounds.
    pub fn v4() -> &'static KeySchedule {
        &SCHEDULE_V4
    }

    /// The V5 cipher: standard AES-128.
    pub fn v5() -> &'static KeySchedule {
        &SCHEDULE_V5
    }

    /// The V6 cipher: AES-128 whose round keys 4, 6 and 8 have their first byte
    /// XORed with 0x73, 0x09 and 0xE4 (encryption and decryption alike).
    pub fn v6() -> &'static KeySchedule {
        &SCHEDULE_V6
    }

    /// The V6 key expanded WITHOUT the tweak: only useful as a contrast in tests.
    pub fn v6_untweaked() -> KeySchedule {
        expand_known(&KEY_V6)
    }

    /// Standard Rijndael key expansion for a 128-bit block and a key of
    /// 16, 20, 24, 28 or 32 bytes (Nr = Nk + 6 rounds).
    pub(crate) fn expand(key: &[u8]) -> Result<KeySchedule, CryptoError> {
        if !matches!(key.len(), 16 | 20 | 24 | 28 | 32) {
            return Err(CryptoError::BadKeyLength { len: key.len() });
        }
        let key_words = key.len() / 4;
        let rounds = key_words + 6;
        let total_words = 4 * (rounds + 1);
        let mut words = [[0u8; 4]; 4 * MAX_ROUND_KEYS];
        for (word, chunk) in words.iter_mut().zip(key.chunks_exact(4)) {
            word.copy_from_slice(chunk);
        }
        let mut round_constant = 1u8;
        for i in key_words..total_words {
            let mut temp = words[i - 1];
            if i % key_words == 0 {
                temp.rotate_left(1);
                temp = sub_word(temp);
                temp[0] ^= round_constant;
                round_constant = xtime(round_constant);
            } else if key_words > 6 && i % key_words == 4 {
                temp = sub_word(temp);
            }
            let previous = words[i - key_words];
            words[i] = [
                previous[0] ^ temp[0],
                previous[1] ^ temp[1],
                previous[2] ^ temp[2],
                previous[3] ^ temp[3],
            ];
        }
        let mut encrypt_keys = [[0u8; 16]; MAX_ROUND_KEYS];
        for (round_key, four_words) in encrypt_keys.iter_mut().zip(words.chunks_exact(4)) {
            for (dst, word) in round_key.chunks_exact_mut(4).zip(four_words) {
                dst.copy_from_slice(word);
            }
        }
        let mut schedule = KeySchedule {
            rounds,
            encrypt_keys,
            decrypt_keys: [[0u8; 16]; MAX_ROUND_KEYS],
        };
        schedule.derive_decrypt_keys();
        Ok(schedule)
    }

    fn apply_v6_tweak(&mut self) {
        for (offset, value) in V6_TWEAK {
            if let Some(byte) = self
                .encrypt_keys
                .get_mut(offset / BLOCK_LEN)
                .and_then(|round_key| round_key.get_mut(offset % BLOCK_LEN))
            {
                *byte ^= value;
            }
        }
        self.derive_decrypt_keys();
    }

    fn derive_decrypt_keys(&mut self) {
        self.decrypt_keys = self.encrypt_keys;
        for round_key in self.decrypt_keys.iter_mut().take(self.rounds).skip(1) {
            let mut block = aes::Block::from(*round_key);
            inv_mix_columns(&mut block);
            *round_key = block.into();
        }
    }

    /// Number of rounds (10 for AES-128, 11 for the V4 cipher).
    pub fn rounds(&self) -> usize {
        self.rounds
    }

    /// Round key `index` (0 = the whitening key), or `None` past the last round.
    pub fn round_key(&self, index: usize) -> Option<&Block> {
        if index > self.rounds {
            return None;
        }
        self.encrypt_keys.get(index)
    }

    /// Encrypts one block in place.
    pub fn encrypt_block(&self, block: &mut Block) {
        let mut state = aes::Block::from(*block);
        xor_into(&mut state, &self.encrypt_keys[0]);
        for round_key in self.encrypt_keys.iter().take(self.rounds).skip(1) {
            cipher_round(&mut state, &aes::Block::from(*round_key));
        }
        // Last round has no MixColumns: run a full round with a zero key,
        // undo its MixColumns, then add the last round key.
        cipher_round(&mut state, &aes::Block::default());
        inv_mix_columns(&mut state);
        xor_into(
            &mut state,
            &self.encrypt_keys[self.rounds.min(MAX_ROUND_KEYS - 1)],
        );
        *block = state.into();
    }

    /// Decrypts one block in place (FIPS 197 equivalent inverse cipher).
    pub fn decrypt_block(&self, block: &mut Block) {
        let mut state = aes::Block::from(*block);
        xor_into(
            &mut state,
            &self.encrypt_keys[self.rounds.min(MAX_ROUND_KEYS - 1)],
        );
        for round_key in self.decrypt_keys.iter().take(self.rounds).skip(1).rev() {
            equiv_inv_cipher_round(&mut state, &aes::Block::from(*round_key));
        }
        // Last inverse round has no InvMixColumns: undo it with MixColumns.
        equiv_inv_cipher_round(&mut state, &aes::Block::default());
        mix_columns(&mut state);
        xor_into(&mut state, &self.encrypt_keys[0]);
        *block = state.into();
    }

    /// CBC-encrypts `data` in place, chaining from `iv`. Returns the last
    /// ciphertext block (the next IV). Data that is not whole blocks is an error;
    /// [`pkcs7_padded`] and [`KeySchedule::cbc_encrypt_blocks`] cannot meet it.
    pub fn cbc_encrypt(&self, iv: &Block, data: &mut [u8]) -> Result<Block, CryptoError> {
        check_aligned(data)?;
        let (blocks, _) = data.as_chunks_mut::<BLOCK_LEN>();
        Ok(self.cbc_encrypt_blocks(iv, blocks))
    }

    /// CBC-encrypts whole blocks in place, chaining from `iv`; returns the last
    /// ciphertext block (the next IV). It cannot fail: the type holds whole blocks.
    pub fn cbc_encrypt_blocks(&self, iv: &Block, blocks: &mut [Block]) -> Block {
        let mut chain = *iv;
        for block in blocks {
            let mut cipher_block = xor_blocks(&chain, block);
            self.encrypt_block(&mut cipher_block);
            *block = cipher_block;
            chain = cipher_block;
        }
        chain
    }

    /// CBC-decrypts `data` in place, chaining from `iv`.
    pub fn cbc_decrypt(&self, iv: &Block, data: &mut [u8]) -> Result<(), CryptoError> {
        check_aligned(data)?;
        let mut chain = *iv;
        for chunk in data.chunks_exact_mut(BLOCK_LEN) {
            let mut cipher_block = [0u8; BLOCK_LEN];
            cipher_block.copy_from_slice(chunk);
            let mut block = cipher_block;
            self.decrypt_block(&mut block);
            chunk.copy_from_slice(&xor_blocks(&chain, &block));
            chain = cipher_block;
        }
        Ok(())
    }
}

fn check_aligned(data: &[u8]) -> Result<(), CryptoError> {
    if data.len().is_multiple_of(BLOCK_LEN) {
        Ok(())
    } else {
        Err(CryptoError::NotBlockAligned { len: data.len() })
    }
}

fn xor_into(state: &mut aes::Block, key: &Block) {
    for (s, k) in state.iter_mut().zip(key) {
        *s ^= k;
    }
}

/// XOR of a block and a 16-byte slice (shorter slices XOR as zero-extended).
fn xor_blocks(a: &Block, b: &[u8]) -> Block {
    let mut out = *a;
    for (o, x) in out.iter_mut().zip(b) {
        *o ^= x;
    }
    out
}

/// Doubling in GF(2^8) with the AES polynomial, for the round constants.
fn xtime(x: u8) -> u8 {
    (x << 1) ^ if x & 0x80 != 0 { 0x1B } else { 0 }
}

/// SubWord of the key schedule, computed with the `aes` crate's S-box.
///
/// The word is spread over the four rows (every column equal), so ShiftRows
/// leaves the state unchanged; one `cipher_round` with a zero key then gives
/// MixColumns(SubBytes(state)) and `inv_mix_columns` leaves SubBytes(state).
pub(crate) fn sub_word(word: [u8; 4]) -> [u8; 4] {
    let mut state = aes::Block::default();
    for (i, byte) in state.iter_mut().enumerate() {
        *byte = word[i % 4];
    }
    cipher_round(&mut state, &aes::Block::default());
    inv_mix_columns(&mut state);
    [state[0], state[1], state[2], state[3]]
}

/// The V4 MAC: plain CBC-MAC under the V4 cipher with a zero IV after
/// appending 0x80 and zeros up to a whole block (a full block when the
/// message is already aligned). Not RFC 4493 CMAC.
pub fn v4_mac(message: &[u8]) -> Block {
    let cipher = KeySchedule::v4();
    let mut chain = [0u8; BLOCK_LEN];
    let mut chunks = message.chunks_exact(BLOCK_LEN);
    for chunk in &mut chunks {
        chain = xor_blocks(&chain, chunk);
        cipher.encrypt_block(&mut chain);
    }
    let rest = chunks.remainder();
    let mut last = [0u8; BLOCK_LEN];
    last[..rest.len()].copy_from_slice(rest);
    last[rest.len()] = 0x80;
    chain = xor_blocks(&chain, &last);
    cipher.encrypt_block(&mut chain);
    chain
}

/// Appends PKCS#7 padding (1 to 16 bytes) to `data`.
pub fn pkcs7_pad(data: &mut Vec<u8>) {
    let pad = BLOCK_LEN - data.len() % BLOCK_LEN;
    // pad is 1..=16, so the cast cannot truncate.
    data.resize(data.len() + pad, pad as u8);
}

/// `data` with PKCS#7 padding (1 to 16 bytes), as whole blocks: what
/// [`KeySchedule::cbc_encrypt_blocks`] takes.
pub fn pkcs7_padded(data: &[u8]) -> Vec<Block> {
    let (whole, rest) = data.as_chunks::<BLOCK_LEN>();
    let pad = BLOCK_LEN - rest.len();
    let mut blocks = Vec::with_capacity(whole.len() + 1);
    blocks.extend_from_slice(whole);
    // pad is 1..=16, so the cast cannot truncate.
    let mut last = [pad as u8; BLOCK_LEN];
    last[..rest.len()].copy_from_slice(rest);
    blocks.push(last);
    blocks
}

/// The PKCS#7 padding length of `data`, or `None` when the padding is invalid.
pub fn pkcs7_pad_len(data: &[u8]) -> Option<usize> {
    let &last = data.last()?;
    let pad = usize::from(last);
    if pad == 0 || pad > BLOCK_LEN || pad > data.len() {
        return None;
    }
    let tail = data.get(data.len() - pad..)?;
    tail.iter().all(|&b| b == last).then_some(pad)
}

/// The V6 HMAC time slot for a ClientTime, shifted by `offset` slots
/// (the client tries -1, 0 and +1 to tolerate clock skew).
pub fn v6_time_slot(client_time: FileTime, offset: i64) -> u64 {
    let base = (client_time.0 / TIME_SLOT_C1)
        .wrapping_mul(TIME_SLOT_C2)
        .wrapping_add(TIME_SLOT_C3);
    // Two's-complement wrapping matches the reference (a signed tolerance times C1).
    base.wrapping_add((offset as u64).wrapping_mul(TIME_SLOT_C1))
}

/// The V6 HMAC key for a time slot: the last 16 bytes of SHA-256(slot LE).
pub fn v6_hmac_key(slot: u64) -> [u8; 16] {
    let digest = Sha256::digest(slot.to_le_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[16..]);
    key
}

/// The V6 HMAC tag: the last 16 bytes of HMAC-SHA256(key, data).
pub fn v6_hmac_tag(key: &[u8; 16], data: &[u8]) -> [u8; 16] {
    // HMAC accepts keys of any length, so new_from_slice cannot fail here.
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    };
    mac.update(data);
    let full = mac.finalize().into_bytes();
    let mut tag = [0u8; 16];
    tag.copy_from_slice(&full[16..]);
    tag
}

/// Compares two byte strings without an early exit on the first difference.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_word_matches_fips197_sbox_samples() {
        // FIPS 197 figure 7: S(00)=63, S(01)=7c, S(53)=ed, S(ff)=16.
        assert_eq!(sub_word([0x00, 0x01, 0x53, 0xFF]), [0x63, 0x7C, 0xED, 0x16]);
    }

    #[test]
    fn sbox_from_hazmat_is_a_permutation_without_fixed_points() {
        let mut seen = [false; 256];
        for x in 0..=255u8 {
            let s = sub_word([x, 0, 0, 0])[0];
            assert_ne!(s, x, "AES S-box has no fixed point");
            assert!(!seen[usize::from(s)]);
            seen[usize::from(s)] = true;
        }
    }

    #[test]
    fn aes128_matches_fips197_appendix_c1() {
        let key: Vec<u8> = (0u8..16).collect();
        let schedule = KeySchedule::expand(&key).unwrap();
        let mut block: Block = [
            0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd,
            0xee, 0xff,
        ];
        let plain = block;
        schedule.encrypt_block(&mut block);
        assert_eq!(
            block,
            [
                0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30, 0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4,
                0xc5, 0x5a
            ]
        );
        schedule.decrypt_block(&mut block);
        assert_eq!(block, plain);
    }

    #[test]
    fn padded_blocks_are_the_padded_bytes_and_encrypt_alike() {
        for len in 0..=48 {
            let data: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
            let blocks = pkcs7_padded(&data);
            let mut bytes = data.clone();
            pkcs7_pad(&mut bytes);
            assert_eq!(blocks.as_flattened(), bytes.as_slice(), "length {len}");

            let iv = [0x5a; BLOCK_LEN];
            let mut encrypted = blocks.clone();
            let last = KeySchedule::v6().cbc_encrypt_blocks(&iv, &mut encrypted);
            let last_bytes = KeySchedule::v6().cbc_encrypt(&iv, &mut bytes).unwrap();
            assert_eq!(encrypted.as_flattened(), bytes.as_slice());
            assert_eq!(last, last_bytes);
        }
        let mut partial = [0u8; 17];
        assert_eq!(
            KeySchedule::v5().cbc_encrypt(&[0; BLOCK_LEN], &mut partial),
            Err(CryptoError::NotBlockAligned { len: 17 })
        );
    }

    #[test]
    fn pkcs7_round_trip_and_rejections() {
        let mut data = vec![1u8; 236];
        pkcs7_pad(&mut data);
        assert_eq!(data.len(), 240);
        assert_eq!(pkcs7_pad_len(&data), Some(4));
        assert_eq!(pkcs7_pad_len(&[0u8; 16]), None);
        assert_eq!(pkcs7_pad_len(&[17u8; 32]), None);
        assert_eq!(pkcs7_pad_len(&[1, 2, 2, 3]), None);
        assert_eq!(pkcs7_pad_len(&[]), None);
    }
}
