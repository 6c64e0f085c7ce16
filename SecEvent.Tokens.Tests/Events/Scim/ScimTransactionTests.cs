using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events.Scim;

namespace SecEvent.Tokens.Tests.Events.Scim;

public class ScimTransactionTests
{
    [TestCase("2d80e537a3f64622b0347b641ebc8f44", 0, "2d80e537a3f64622b0347b641ebc8f44:0")]
    [TestCase("2d80e537a3f64622b0347b641ebc8f44", 4, "2d80e537a3f64622b0347b641ebc8f44:4")]
    [TestCase("a:b", 12, "a:b:12")]
    [TestCase("x", int.MaxValue, "x:2147483647")]
    public void Create_SetTxnAndIndex_AppendsColonAndIndexSCIM07(string setTxn, int index, string expected)
    {
        ScimTransaction.Create(setTxn, index).Should().Be(expected);

        ScimTransaction.TryParse(expected, out var readSetTxn, out var readIndex).Should().BeTrue();
        readSetTxn.Should().Be(setTxn);
        readIndex.Should().Be(index);
    }

    [Test]
    public void Create_NegativeIndex_ThrowsSCIM07() =>
        FluentActions.Invoking(() => ScimTransaction.Create("abc", -1)).Should().Throw<ArgumentOutOfRangeException>();

    [TestCase("")]
    [TestCase(null)]
    public void Create_EmptySetTxn_ThrowsSCIM07(string? setTxn) =>
        FluentActions.Invoking(() => ScimTransaction.Create(setTxn!, 0)).Should().Throw<ArgumentException>();

    [TestCase(null)]
    [TestCase("")]
    [TestCase("734f0614e3274f288f93ac74119dcf78")]
    [TestCase(":1")]
    [TestCase("abc:")]
    [TestCase("abc:-1")]
    [TestCase("abc:+1")]
    [TestCase("abc:01")]
    [TestCase("abc: 1")]
    [TestCase("abc:1x")]
    [TestCase("abc:١")]
    [TestCase("abc:2147483648")]
    public void TryParse_NotTheBulkForm_FailsSCIM07(string? txn)
    {
        ScimTransaction.TryParse(txn, out var setTxn, out var index).Should().BeFalse();
        setTxn.Should().BeNull();
        index.Should().Be(0);
    }
}
